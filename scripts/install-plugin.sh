#!/usr/bin/env bash
# Installs Pier as the docker CLI's `compose` plugin, so that `docker compose …`
# runs Pier: the binary is copied to `cli-plugins/docker-compose` of the docker
# configuration folder (DOCKER_CONFIG, else ~/.docker), or of the folder given.
#   scripts/install-plugin.sh [PIER_BINARY] [PLUGIN_DIRECTORY]
# Remove PLUGIN_DIRECTORY/docker-compose to go back to Docker Compose.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

binary=${1:-.build/release/pier}
directory=${2:-${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins}
if [[ ! -x $binary ]]; then
    echo "no pier binary at $binary: build it first (swift build -c release)" >&2
    exit 1
fi
# The docker CLI asks every plugin for its metadata before listing or running it.
"$binary" docker-cli-plugin-metadata >/dev/null
mkdir -p "$directory"
install -m 0755 "$binary" "$directory/docker-compose"
echo "installed $directory/docker-compose: \`docker compose\` now runs Pier (remove that file to undo)" >&2
