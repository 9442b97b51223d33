#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine, using Debian's docker-compose (v1), which is
# installed with apt-get when missing (needs root). Usage: scripts/validate-compose.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v docker-compose >/dev/null 2>&1; then
  echo "docker-compose not found; installing Debian's docker-compose package..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi

# v1 rejects a top-level `name:` key; fail early with a clear message rather than a parser error.
if grep -qE '^name[[:space:]]*:' docker-compose.yml; then
  echo "docker-compose.yml: remove the top-level 'name:' key (docker-compose v1 rejects it)" >&2
  exit 1
fi

docker-compose -f docker-compose.yml config -q
echo "docker-compose.yml is valid ($(docker-compose version --short 2>/dev/null || echo 'docker-compose'))."
