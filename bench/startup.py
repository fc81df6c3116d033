#!/usr/bin/env python3
"""Start-up of Pier beside the reference: `version`, and `ps` in a project with no containers.

    bench/startup.py [--runs N]

For each command and tool: the median wall-clock time and the median CPU time (user + system, all threads) over N
runs alternating the tools, and, where valgrind is installed, the instructions executed (callgrind; the same on
every run, so a change shows even on a loaded machine). Wall time on a shared machine waits for a free core: read
it with the load average printed beside it.

Pier: $PIER, else .build/release/pier (`make release`). Reference: $PIER_REFERENCE_COMPOSE, else the binary beside
Python's `compose` package. Standard library only; valgrind (Debian's `valgrind`) and a C compiler are optional.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH_DIR)
sys.dont_write_bytecode = True
import importlib.machinery  # noqa: E402
import importlib.util  # noqa: E402

# bench/run has no .py suffix: load it for its binary lookups.
_loader = importlib.machinery.SourceFileLoader("bench_run", os.path.join(BENCH_DIR, "run"))
_spec = importlib.util.spec_from_loader("bench_run", _loader)
bench_run = importlib.util.module_from_spec(_spec)
_loader.exec_module(bench_run)

# Swift's async main parks the main thread in sigsuspend (libdispatch), which valgrind 3.19-3.24 crashes on once
# another thread starts; for counting only, it parks in sleep instead.
SHIM = "#include <signal.h>\n#include <unistd.h>\nint sigsuspend(const sigset_t *m) { (void)m; for (;;) sleep(1000); }\n"

COMMANDS = [("version", ["version"]), ("ps, no containers", ["ps"])]


def timed(binary, args, cwd, env):
    """Wall and CPU seconds of one run."""
    start = time.perf_counter()
    process = subprocess.Popen([binary, *args], cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{binary} {' '.join(args)} failed with status {status}")
    return wall, usage.ru_utime + usage.ru_stime


def instructions(binary, args, cwd, env, workdir):
    """Instructions executed, counted by callgrind; None without valgrind."""
    if not shutil.which("valgrind") or not shutil.which("cc"):
        return None
    shim = os.path.join(workdir, "park.so")
    if not os.path.exists(shim):
        with open(shim + ".c", "w") as f:
            f.write(SHIM)
        subprocess.run(["cc", "-shared", "-fPIC", "-O2", "-o", shim, shim + ".c"], check=True)
    # valgrind cannot read every toolchain's DWARF: count on a copy without it (the code is the same).
    copy = os.path.join(workdir, os.path.basename(binary) + ".nodebug")
    subprocess.run(["objcopy", "--strip-debug", binary, copy], check=True)
    out = os.path.join(workdir, "callgrind.out")
    result = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", copy, *args],
                            cwd=cwd, env={**env, "LD_PRELOAD": shim}, capture_output=True, text=True)
    for line in result.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[-1].strip())
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=41)
    options = parser.parse_args()
    tools = {"pier": bench_run.pier_binary(), "reference": bench_run.reference_binary()}
    env = bench_run.environment()
    workdir = tempfile.mkdtemp(prefix="pier-startup-")
    project = os.path.join(workdir, "empty")
    os.makedirs(project)
    with open(os.path.join(project, "compose.yaml"), "w") as f:
        f.write("services:\n  web:\n    image: pier-test/busybox\n")
    try:
        print(f"load average {os.getloadavg()[0]:.1f}; {options.runs} runs each, alternating")
        print(f"{'command':<20} {'tool':<10} {'wall (ms)':>9} {'CPU (ms)':>9} {'instructions':>14}")
        for name, args in COMMANDS:
            samples = {tool: [] for tool in tools}
            for index in range(options.runs + 1):
                order = list(tools.items()) if index % 2 == 0 else list(tools.items())[::-1]
                for tool, binary in order:
                    sample = timed(binary, args, project, env)
                    if index > 0:  # the first is a warm-up
                        samples[tool].append(sample)
            for tool, binary in tools.items():
                wall = statistics.median(s[0] for s in samples[tool]) * 1000
                cpu = statistics.median(s[1] for s in samples[tool]) * 1000
                counted = instructions(binary, args, project, env, workdir) if tool == "pier" else None
                text = f"{counted:,}" if counted else "-"
                print(f"{name:<20} {tool:<10} {wall:>9.1f} {cpu:>9.1f} {text:>14}")
        print(f"load average {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
