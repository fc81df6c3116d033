# Everyday entry points. Machines (and CI) have 2 cores: builds and tests use
# at most JOBS parallel jobs, and tests run serially (no --parallel), which
# also keeps the engine tests from racing each other.
SWIFT ?= swift
JOBS ?= 2
# Format what exists (a fresh clone has no empty Tests/ folder).
FORMAT_PATHS := $(wildcard Sources Tests Fuzz Package.swift)

.PHONY: build release test fmt fmt-check bench demo demo-down fuzz-build fuzz fuzz-smoke sanitize

build:
	$(SWIFT) build -j $(JOBS)

release:
	$(SWIFT) build -c release -j $(JOBS)

test:
	$(SWIFT) test -j $(JOBS)

fmt:
	$(SWIFT) format --in-place --recursive $(FORMAT_PATHS)

# --strict turns every diagnostic (warnings too) into a failure.
fmt-check:
	$(SWIFT) format lint --strict --recursive $(FORMAT_PATHS)

# Timings against the reference need an optimized Pier.
bench: release
	python3 bench/run $(BENCH_ARGS)

# The demo stack (examples/demo) running: the engine started and the images it
# needs built if missing (no registry needed), then the URL to open.
DEMO_PIER := cd examples/demo && ../../.build/debug/pier
demo: build
	@scripts/engine-start.sh
	@scripts/seed-images.sh
	$(DEMO_PIER) up -d --wait
	@echo
	@echo "The Pier demo is running: open http://localhost:$${DEMO_PORT:-8080}/  (make demo-down to remove it)"

demo-down: build
	$(DEMO_PIER) --profile tools down --volumes

# libFuzzer targets of the loader (Fuzz/), optimized (a debug build with AddressSanitizer is ten times slower, and
# takes limits-sized inputs for hangs), in their own build folder: `make fuzz` runs each for FUZZ_TIME seconds
# (default 60) from the fixtures; findings go to .build-fuzz/findings. `fuzz-smoke` is CI's short run.
FUZZ_TARGETS := FuzzYAML FuzzInterpolation FuzzDotEnv FuzzMerge FuzzLoader
FUZZ_TIME ?= 60
fuzz-build:
	for target in $(FUZZ_TARGETS); do \
		PIER_FUZZ=1 $(SWIFT) build -c release -j $(JOBS) --scratch-path .build-fuzz --product $$target \
			-Xswiftc -enable-testing -Xswiftc -sanitize=fuzzer,address || exit 1; \
	done

fuzz: fuzz-build
	FUZZ_TIME=$(FUZZ_TIME) FUZZ_TARGETS="$(FUZZ_TARGETS)" scripts/fuzz.sh

fuzz-smoke: fuzz-build
	FUZZ_TIME=10 FUZZ_TARGETS="$(FUZZ_TARGETS)" scripts/fuzz.sh

# The unit tests (no engine needed) under AddressSanitizer, then ThreadSanitizer, each in its own build folder;
# scripts/lsan.supp names the libraries' lifetime allocations LeakSanitizer would otherwise report at exit.
SANITIZED_TESTS ?= ComposeSpecTests|OrchestrationTests
sanitize:
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp \
		$(SWIFT) test -j $(JOBS) --scratch-path .build-asan --sanitize=address --filter '$(SANITIZED_TESTS)'
	$(SWIFT) test -j $(JOBS) --scratch-path .build-tsan --sanitize=thread --filter '$(SANITIZED_TESTS)'

