#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz targets (Fuzz/) from the fixtures in Tests/Fixtures.

    scripts/fuzz-seeds.py DIR

DIR/<target>/ gets one file per seed: compose files for FuzzYAML, pairs of them for FuzzMerge, templates
(lines with a `$`) for FuzzInterpolation, env files for FuzzDotEnv, and whole fixture projects packed as
FuzzLoader reads them (`#@ NAME` before each file but compose.yaml). Standard library only.
"""

import hashlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "Fixtures")
LOADER_FILES = ["compose.override.yaml", "b.yaml", "c.yaml", ".env", "e.env", "sub/d.yaml", "sub/.env"]


def read(path):
    with open(path, "rb") as handle:
        return handle.read()


def write(directory, data):
    os.makedirs(directory, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(directory, name), "wb") as handle:
        handle.write(data)


def main(out):
    for base, _, names in os.walk(FIXTURES):
        if os.path.islink(base):
            continue
        yamls = sorted(n for n in names if n.endswith((".yaml", ".yml")) and os.path.isfile(os.path.join(base, n)))
        envs = sorted(n for n in names if (n == ".env" or n.endswith(".env")) and os.path.isfile(os.path.join(base, n)))
        for name in yamls:
            data = read(os.path.join(base, name))
            write(os.path.join(out, "FuzzYAML"), data)
            for other in yamls:
                write(os.path.join(out, "FuzzMerge"), data + b"\n---\n" + read(os.path.join(base, other)))
        for name in yamls + envs:
            for line in read(os.path.join(base, name)).splitlines():
                if b"$" in line:
                    write(os.path.join(out, "FuzzInterpolation"), line.split(b":", 1)[-1].split(b"=", 1)[-1].strip())
        for name in envs:
            write(os.path.join(out, "FuzzDotEnv"), read(os.path.join(base, name)))
        if "compose.yaml" in names:
            packed = read(os.path.join(base, "compose.yaml"))
            for name in LOADER_FILES:
                path = os.path.join(base, name)
                if os.path.isfile(path):
                    packed += b"\n#@ " + name.encode() + b"\n" + read(path)
            write(os.path.join(out, "FuzzLoader"), packed)


if __name__ == "__main__":
    main(sys.argv[1])
