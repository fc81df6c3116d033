#!/usr/bin/env python3
"""Runs pier and the reference `config --format json` on config fixtures and reports where they differ.

A quick loop for loader work; the Swift test ConfigDifferentialTests is the real check.
Usage: scripts/diff-fixtures.py [name-substring ...]   (PIER=path, PIER_REFERENCE_COMPOSE=path)
"""
import json, os, subprocess, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
fixtures = os.path.join(root, "Tests", "Fixtures", "config")
pier = os.environ.get("PIER", os.path.join(root, ".build", "debug", "pier"))
ref = os.environ.get("PIER_REFERENCE_COMPOSE") or os.path.join(
    subprocess.check_output(["python3", "-c", "import compose,os;print(os.path.dirname(compose.__file__))"], text=True).strip(),
    "docker-compose")


def lines(d, name):
    p = os.path.join(d, name)
    return [l for l in open(p).read().splitlines() if l.strip()] if os.path.isfile(p) else []


def diff(a, b, path=""):
    if type(a) != type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
        return [f"{path}: pier={json.dumps(a)[:200]} ref={json.dumps(b)[:200]}"]
    if isinstance(a, dict):
        out = []
        for k in sorted(set(a) | set(b)):
            if k not in a: out.append(f"{path}.{k}: missing in pier (ref={json.dumps(b[k])[:200]})")
            elif k not in b: out.append(f"{path}.{k}: extra in pier ({json.dumps(a[k])[:200]})")
            else: out += diff(a[k], b[k], f"{path}.{k}")
        return out
    if isinstance(a, list):
        if len(a) != len(b): return [f"{path}: pier={json.dumps(a)[:300]} ref={json.dumps(b)[:300]}"]
        return sum((diff(x, y, f"{path}[{i}]") for i, (x, y) in enumerate(zip(a, b))), [])
    return [] if a == b else [f"{path}: pier={json.dumps(a)[:200]} ref={json.dumps(b)[:200]}"]


passed = failed = 0
filters = sys.argv[1:]
for name in sorted(os.listdir(fixtures)):
    d = os.path.join(fixtures, name)
    if not os.path.isdir(d) or (filters and not any(f in name for f in filters)):
        continue
    args = " ".join(lines(d, "args")).split() + ["config", "--format", "json"] + " ".join(lines(d, "services")).split()
    env = {"PATH": os.environ["PATH"], "HOME": os.environ["HOME"]}
    for l in lines(d, "env"):
        k, _, v = l.partition("=")
        env[k] = v
    stdin = open(os.path.join(d, "stdin"), "rb").read() if os.path.isfile(os.path.join(d, "stdin")) else b""
    run = lambda b: subprocess.run([b] + args, cwd=d, env=env, input=stdin, capture_output=True, timeout=30)
    p, r = run(pier), run(ref)
    problems = []
    if r.returncode != 0:
        if p.returncode == 0: problems = [f"ref fails ({r.stderr.decode().strip()[:200]}) but pier succeeds"]
    elif p.returncode != 0:
        problems = [f"pier fails: {p.stderr.decode().strip()[:300]}"]
    else:
        try:
            problems = diff(json.loads(p.stdout), json.loads(r.stdout))
        except Exception as e:
            problems = [f"bad json: {e}"]
    if problems:
        failed += 1
        print(f"FAIL {name}")
        for x in problems[:8]: print("   ", x)
    else:
        passed += 1
print(f"{passed} passed, {failed} failed")
