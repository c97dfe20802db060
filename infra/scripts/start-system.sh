#!/usr/bin/env bash
# Installs whatever is missing and runs the whole system: Temporal and Kafka (plus PostgreSQL when
# COMITY_DB_TYPE=postgres), then the worker, the projector, the bridge, the API and the dashboard.
# Stays in the foreground and stops the apps on Ctrl-C (the services keep running: `npm run services -- stop all`).
#   npm start                 embedded defaults (SQLite read model)
#   npm start -- --demo       also the agency simulator, and a demo case (one process of every type but JIT and confiscation)
#   npm start -- --detach     start everything and return; `npm run stop` stops the apps
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
COMITY_SERVICE=start
cd "$COMITY_ROOT"

detach=false
demo=false
for arg in "$@"; do
  case $arg in
    --detach) detach=true ;;
    --demo) demo=true ;;
    *) die "unknown option $arg (known: --demo, --detach)" ;;
  esac
done

services=(temporal kafka)
[[ ${COMITY_DB_TYPE:-sqlite} == postgres ]] && services+=(postgres)
bash infra/scripts/install.sh "${services[@]}"
use_project_node
bash infra/services.sh start "${services[@]}"

apps=(worker projector bridge api dashboard)
$demo && apps+=(agency-simulator)
app_dir="$COMITY_RUNTIME/apps"
mkdir -p "$app_dir"
bash infra/scripts/stop-apps.sh >/dev/null 2>&1 || true

for app in "${apps[@]}"; do
  log "starting $app (log: $app_dir/$app.log)"
  setsid nohup bash infra/scripts/with-env.sh node -r @swc-node/register "apps/$app/src/main.ts" \
    >"$app_dir/$app.log" 2>&1 </dev/null &
  echo $! >"$app_dir/$app.pid"
done

declare -A ready=([worker]='worker: polling' [projector]='projector: ' [bridge]='bridge: ' [api]='api: listening'
  [dashboard]='dashboard: listening' [agency-simulator]='agency-simulator: playing')
for app in "${apps[@]}"; do
  wait_until 90 "$app to be ready" grep -q "${ready[$app]}" "$app_dir/$app.log" || {
    tail -n 40 "$app_dir/$app.log" >&2
    bash infra/scripts/stop-apps.sh
    die "$app did not start"
  }
done

api="http://${COMITY_API_HOST:-127.0.0.1}:${COMITY_API_PORT:-3000}"
dashboard="http://${COMITY_DASHBOARD_HOST:-127.0.0.1}:${COMITY_DASHBOARD_PORT:-8080}"
cat <<MSG

  Comity is running (read model: ${COMITY_DB_TYPE:-sqlite})
    Dashboard    $dashboard  (sign in with a token, below)
    API          $api/api/v1
    API docs     $api/docs
    Health       $api/health
    Temporal UI  http://127.0.0.1:${COMITY_TEMPORAL_UI_PORT:-8233}
    Logs         $app_dir/*.log
    A token      npm run -s cli -- token --user officer-1 --role coordinator
                 (an agency user: --role agency --agency <agency id>)

MSG

$demo && bash infra/scripts/with-env.sh node -r @swc-node/register apps/agency-simulator/src/seed-demo.ts

$detach && exit 0
trap 'echo; bash infra/scripts/stop-apps.sh; exit 0' INT TERM
log "following the apps' logs; Ctrl-C stops the apps"
tail -n 0 -F "${apps[@]/#/$app_dir/}" &
wait
