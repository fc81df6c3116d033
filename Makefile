# Everyday entry points. Machines (and CI) have 2 cores: builds and tests use
# at most JOBS parallel jobs, and tests run serially (no --parallel), which
# also keeps the engine tests from racing each other.
SWIFT ?= swift
JOBS ?= 2
# Format what exists (a fresh clone has no empty Tests/ folder).
FORMAT_PATHS := $(wildcard Sources Tests Package.swift)

.PHONY: build release test fmt fmt-check bench demo

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

# The demo stack, resolved: what `docker compose config` would print for it.
demo: build
	cd examples/demo && ../../.build/debug/pier --profile edge config
