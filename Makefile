# Everyday entry points. Machines (and CI) have 2 cores: builds and tests use
# at most JOBS parallel jobs, and tests run serially (no --parallel), which
# also keeps the engine tests from racing each other.
SWIFT ?= swift
JOBS ?= 2
# Format what exists (a fresh clone has no empty Tests/ folder).
FORMAT_PATHS := $(wildcard Sources Tests Fuzz Package.swift examples/testing/Package.swift examples/testing/Tests)

.PHONY: build release install test test-engine26 test-example test-reliability sigkill-trials soak fmt fmt-check bench demo \
	demo-down install-plugin fuzz-build fuzz fuzz-smoke sanitize

build:
	$(SWIFT) build -j $(JOBS)

# The release binary, .build/release/pier, built for start-up (docs/performance.md): the Swift runtime and
# Foundation linked in (no shared Swift libraries to load and bind), and a fixed-address executable (no
# relocations to apply at each start). glibc and libstdc++ stay shared: the machine that runs it needs
# them at least as new as the build machine's.
RELEASE_FLAGS := -c release --static-swift-stdlib -Xlinker -no-pie
release:
	$(SWIFT) build $(RELEASE_FLAGS) -j $(JOBS) --product pier

# Installs the release binary as $(DESTDIR)$(PREFIX)/bin/pier, its debugging information left out.
PREFIX ?= /usr/local
install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 .build/release/pier $(DESTDIR)$(PREFIX)/bin/pier
	strip --strip-debug $(DESTDIR)$(PREFIX)/bin/pier

test:
	$(SWIFT) test -j $(JOBS)

# The PierTesting example (examples/testing), a package of its own that depends on
# Pier by path. It shares Pier's build folder: Pier's targets and dependencies are
# built once, only the example's tests are compiled (seconds, not minutes).
test-example:
	$(SWIFT) build --package-path examples/testing --scratch-path $(CURDIR)/.build -j $(JOBS) --build-tests
	$(SWIFT) test --package-path examples/testing --scratch-path $(CURDIR)/.build -j $(JOBS) --skip-build

# The engine suites again, on Docker Engine 26.1 (scripts/engine-start.sh 26.1,
# and scripts/seed-images.sh 26.1 for the seed stacks). The tests run inside
# its network namespace, where the ports its containers publish are; the suites
# that need no engine, Podman's and the Swarm's (its nodes are 26.1 already) run
# with `make test` only. One suite: `make test-engine26 ENGINE26_SUITES=LifecycleTests`.
ENGINE26_SUITES ?= EndToEndTests|DockerEngineTests|PierTestingTests
ENGINE26_HOST := unix:///run/pier-engine26/docker.sock
ENGINE26_NETNS := /var/run/netns/pier-engine26
ENGINE26_SKIP := ConfigDifferentialTests|ConfigErrorTests|ConfigHashDifferentialTests|SeedConfigTests|LintCommandTests|PodmanTests|SwarmTests|EngineRestartTests
test-engine26:
	$(SWIFT) build --build-tests -j $(JOBS)
	DOCKER_HOST=$(ENGINE26_HOST) nsenter --net=$(ENGINE26_NETNS) \
		$(SWIFT) test --skip-build -j $(JOBS) --filter '$(ENGINE26_SUITES)' --skip '$(ENGINE26_SKIP)'

# The reliability suites alone (docs/reliability.md): recovery, duplicate networks, the project lock, engine
# restarts on a private engine, faults injected by scripts/engine-proxy, a few SIGKILL trials, connections.
RELIABILITY_SUITES := RecreateRecoveryTests|DuplicateNetworkTests|ProjectLockTests|ProjectLockEndToEndTests|EngineRestartTests|FaultInjectionTests|SigkillTrialTests|ConnectionReuseTests|InterruptedRecreateTests|SecretTests
test-reliability:
	$(SWIFT) build --build-tests -j $(JOBS)
	$(SWIFT) test --skip-build -j $(JOBS) --filter '$(RELIABILITY_SUITES)'

# Nightly-style runs (docs/reliability.md): `up -d` and `down` killed with SIGKILL at SIGKILL_TRIALS random points
# (CI runs 4 within `make test`), and the soak: a 20-service stack up and down SOAK_ITERATIONS times, Pier's
# memory and descriptors checked flat and the engine left with nothing of it.
SIGKILL_TRIALS ?= 40
sigkill-trials:
	$(SWIFT) build --build-tests -j $(JOBS)
	PIER_SIGKILL_TRIALS=$(SIGKILL_TRIALS) $(SWIFT) test --skip-build -j $(JOBS) --filter SigkillTrialTests

SOAK_ITERATIONS ?= 500
soak: build
	python3 scripts/soak --iterations $(SOAK_ITERATIONS) $(SOAK_ARGS)

fmt:
	$(SWIFT) format --in-place --recursive $(FORMAT_PATHS)

# --strict turns every diagnostic (warnings too) into a failure.
fmt-check:
	$(SWIFT) format lint --strict --recursive $(FORMAT_PATHS)

# Pier as the docker CLI's compose plugin: `docker compose up` runs Pier.
# PLUGIN_DIR defaults to $DOCKER_CONFIG/cli-plugins (else ~/.docker/cli-plugins);
# CONFIGURATION=debug installs the debug build instead of the optimized one.
CONFIGURATION ?= release
PLUGIN_DIR ?= $(or $(DOCKER_CONFIG),$(HOME)/.docker)/cli-plugins
PLUGIN_BUILD_FLAGS := $(if $(filter release,$(CONFIGURATION)),$(RELEASE_FLAGS),-c $(CONFIGURATION))
install-plugin:
	$(SWIFT) build $(PLUGIN_BUILD_FLAGS) -j $(JOBS) --product pier
	scripts/install-plugin.sh "$$($(SWIFT) build -c $(CONFIGURATION) --show-bin-path)/pier" "$(PLUGIN_DIR)"

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
# scripts/lsan.supp names the libraries' lifetime allocations LeakSanitizer would otherwise report at exit, and
# scripts/tsan.supp the races TSan reports inside swift-subprocess, whose Mutex it cannot see.
SANITIZED_TESTS ?= ComposeSpecTests|OrchestrationTests
sanitize:
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp \
		$(SWIFT) test -j $(JOBS) --scratch-path .build-asan --sanitize=address --filter '$(SANITIZED_TESTS)'
	TSAN_OPTIONS=suppressions=$(CURDIR)/scripts/tsan.supp \
		$(SWIFT) test -j $(JOBS) --scratch-path .build-tsan --sanitize=thread --filter '$(SANITIZED_TESTS)'

