#!/usr/bin/env bash
# Regenerates Sources/DockerEngine/BuildKit/Generated from Protos/*.proto. Needs protoc (Debian's
# protobuf-compiler) and swift-protobuf's plugin at the version Package.swift names, built once:
#   git clone https://github.com/apple/swift-protobuf && cd swift-protobuf && git checkout 1.39.0 &&
#   swift build -c release --product protoc-gen-swift
# then PROTOC_GEN_SWIFT=/path/to/.build/release/protoc-gen-swift scripts/generate-protos.sh
# The output is committed: CI and users never build the plugin.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
plugin=${PROTOC_GEN_SWIFT:-$(command -v protoc-gen-swift || true)}
[[ -x "$plugin" ]] || { echo "set PROTOC_GEN_SWIFT to swift-protobuf's protoc-gen-swift" >&2; exit 1; }
out=Sources/DockerEngine/BuildKit/Generated
rm -rf "$out" && mkdir -p "$out"
protoc --plugin=protoc-gen-swift="$plugin" --swift_opt=Visibility=Internal --swift_out="$out" -I Protos Protos/*.proto
# swift-format checks hand-written code only.
for file in "$out"/*.swift; do
    { echo "// swift-format-ignore-file"; cat "$file"; } >"$file.tmp" && mv "$file.tmp" "$file"
done
echo "generated: $(ls "$out")"
