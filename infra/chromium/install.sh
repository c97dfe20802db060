#!/usr/bin/env bash
# Installs Debian's chromium for the dashboard's browser tests (playwright-core drives it headless)
# when the browser is missing, then prints its path on stdout (progress goes to stderr).
# COMITY_CHROMIUM_PATH names another browser binary to use instead (then nothing is installed).
# Usage: CHROMIUM=$(infra/chromium/install.sh)
set -euo pipefail
export COMITY_SERVICE=chromium
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

browser=${COMITY_CHROMIUM_PATH:-/usr/bin/chromium}
if [[ ! -x $browser ]]; then
  [[ -z ${COMITY_CHROMIUM_PATH:-} ]] || die "COMITY_CHROMIUM_PATH=$browser is not an executable"
  (( EUID == 0 )) || die "chromium missing; install Debian's chromium package (needs root)"
  export DEBIAN_FRONTEND=noninteractive
  apt=(apt-get -o DPkg::Lock::Timeout=600 -y)
  if ! apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    log "apt-get update"
    "${apt[@]}" update >&2
  fi
  log "apt-get install chromium"
  "${apt[@]}" install --no-install-recommends chromium >&2
  [[ -x $browser ]] || die "chromium installed but no $browser"
fi
printf '%s\n' "$browser"
