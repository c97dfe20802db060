#!/usr/bin/env bash
# Installs whatever is missing: npm packages, then the tools of the services named
# (default: temporal kafka). Safe to run again; it skips what is already in place.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
COMITY_SERVICE=install

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
(( node_major >= 20 )) || die "Node.js 20 or later is required (found: $(node --version 2>/dev/null || echo none))"

cd "$COMITY_ROOT"
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

services=("$@")
(( ${#services[@]} )) || services=(temporal kafka)
bash "$COMITY_ROOT/infra/services.sh" install "${services[@]}"
