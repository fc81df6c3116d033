#ifndef PIER_FUZZ_DRIVER_H
#define PIER_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer (linked by `-sanitize=fuzzer`) on `test_one_input` with the command line `argc`/`argv`. SwiftPM
/// gives every executable a `main` of its own, which calls this; libFuzzer's `main`, when the linker takes it
/// instead, runs the same function through the `LLVMFuzzerTestOneInput` each target also exports.
int pier_fuzz_run(int argc, char **argv, int (*test_one_input)(const uint8_t *data, size_t size));

#endif
