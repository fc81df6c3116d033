#!/usr/bin/env bash
# Installs what the analysis tests (graph, lint) need: Debian's graphviz (the
# graph tests render `pier graph` DOT with `dot -Tsvg`), Python's jsonschema
# (the lint tests validate `pier lint --format sarif` against the SARIF 2.1.0
# schema in Tests/Fixtures/lint) and compose-lint (the security rules are
# compared with its findings on the seeds). Safe to run again: what is there
# is skipped.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

if ! command -v dot >/dev/null; then
    echo "installing graphviz" >&2
    apt-get update -qq
    apt-get install -y -qq graphviz >/dev/null
fi
if ! python3 -c 'import jsonschema' 2>/dev/null; then
    echo "installing jsonschema" >&2
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore jsonschema >&2
fi
compose_lint=0.36.2
if [[ "$(python3 -c 'import importlib.metadata as m; print(m.version("compose-lint"))' 2>/dev/null)" != "$compose_lint" ]]; then
    echo "installing compose-lint==$compose_lint" >&2
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "compose-lint==$compose_lint" >&2
fi
echo "graphviz: $(dot -V 2>&1), jsonschema: $(python3 -c 'import importlib.metadata as m; print(m.version("jsonschema"))')" >&2
