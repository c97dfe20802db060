#!/usr/bin/env bash
# Installs whatever is missing: npm packages, then the tools of the components named
# (services: temporal kafka postgres jaeger keycloak versitygw clamav, default temporal kafka, and the
# cluster topology's postgres-cluster kafka-cluster temporal-cluster versitygw-cluster clamav-cluster;
# and chromium, the browser the dashboard's tests drive). Safe to run again; it skips what is already
# in place.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
COMITY_SERVICE=install

bash "$COMITY_ROOT/infra/scripts/install-node.sh"
use_project_node

cd "$COMITY_ROOT"
# node_modules holds native modules (better-sqlite3) built for one Node.js: reinstall after a switch.
node_stamp="$(node --version) $(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -f node_modules/.comity-installed || $(<node_modules/.comity-installed) != "$node_stamp" ]]; then
  log "installing npm packages (npm ci, Node.js $(node --version))"
  # Native modules build against this Node.js's own headers, whatever a user's npmrc says (a
  # `nodedir` pointing at another Node.js's headers builds a module this one cannot load).
  npm_config_nodedir=$(dirname "$(dirname "$(command -v node)")")
  export npm_config_nodedir
  # Spectral's rulesets depend on @scarf/scarf, whose install script reports downloads: not from here.
  SCARF_ANALYTICS=false npm ci --no-audit --no-fund --loglevel=error
  printf '%s\n' "$node_stamp" >node_modules/.comity-installed
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
