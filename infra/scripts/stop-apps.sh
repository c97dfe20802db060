#!/usr/bin/env bash
# Stops the apps started by start-system.sh (graceful SIGTERM first), every instance of each.
#   npm run stop                          the embedded topology's apps
#   npm run stop -- --topology cluster    the cluster topology's (their pids under .runtime/cluster/apps)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
COMITY_SERVICE=stop
case "${*:-}" in
  "" | "--topology embedded" | --topology=embedded) ;;
  "--topology cluster" | --topology=cluster)
    source "$COMITY_ROOT/infra/lib/cluster.sh"
    COMITY_RUNTIME=$COMITY_CLUSTER_RUNTIME ;;
  *) die "unknown option $* (known: --topology embedded|cluster)" ;;
esac
shopt -s nullglob
for app in dashboard agency-simulator api bridge projector worker; do
  for pidfile in "$COMITY_RUNTIME/apps/$app.pid" "$COMITY_RUNTIME/apps/$app"-[0-9].pid; do
    if pid_alive "$pidfile"; then
      log "stopping $(basename "$pidfile" .pid)"
      stop_pid "$pidfile" 30
    fi
  done
done
