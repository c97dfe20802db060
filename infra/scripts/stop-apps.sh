#!/usr/bin/env bash
# Stops the apps started by start-system.sh (graceful SIGTERM first).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
COMITY_SERVICE=stop
for app in dashboard agency-simulator api bridge projector worker; do
  pidfile="$COMITY_RUNTIME/apps/$app.pid"
  if pid_alive "$pidfile"; then
    log "stopping $app"
    stop_pid "$pidfile" 30
  fi
done
