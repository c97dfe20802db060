#!/usr/bin/env bash
# Installs whatever is missing: npm packages, then the tools of the components named
# (services: temporal kafka postgres, default temporal kafka; and chromium, the browser the
# dashboard's tests drive). Safe to run again; it skips what is already in place.
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

services=()
browser=false
for component in "$@"; do
  if [[ $component == chromium ]]; then browser=true; else services+=("$component"); fi
done
(( $# )) || services=(temporal kafka)
(( ${#services[@]} )) && bash "$COMITY_ROOT/infra/services.sh" install "${services[@]}"
$browser && bash "$COMITY_ROOT/infra/chromium/install.sh" >/dev/null
exit 0
