#!/usr/bin/env bash
# Installs whatever is missing and runs the whole system: Temporal, Kafka, the S3 gateway and clamd
# (documents' store and scanner; plus PostgreSQL when COMITY_DB_TYPE=postgres), then the worker, the
# projector, the bridge, the API and the dashboard.
# Stays in the foreground and stops the apps on Ctrl-C (the services keep running: `npm run services -- stop all`).
#   npm start                 embedded defaults (SQLite read model)
#   npm start -- --demo       also the agency simulator, and a demo case (one process of every type but JIT and confiscation)
#   npm start -- --detach     start everything and return; `npm run stop` stops the apps
#   npm start -- --topology cluster   the production-shaped topology, same apps, configured for it
#                             (infra/lib/cluster.sh): the Temporal server's services as processes on
#                             their own PostgreSQL, three Kafka brokers, an S3 gateway and a clamd of
#                             its own, two of each Comity service
# It reports success only when every app answers GET /health and the API, the worker and the bridge
# report the same payload-encryption keys; otherwise it stops what it started and exits non-zero.
set -euo pipefail
umask 077
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
COMITY_SERVICE=start
cd "$COMITY_ROOT"

detach=false
demo=false
topology=embedded
while (( $# )); do
  case $1 in
    --detach) detach=true ;;
    --demo) demo=true ;;
    --topology) topology=${2:-}; shift || true ;;
    --topology=*) topology=${1#--topology=} ;;
    *) die "unknown option $1 (known: --demo, --detach, --topology embedded|cluster)" ;;
  esac
  shift
done
case $topology in embedded | cluster) ;; *) die "unknown topology '$topology' (known: embedded, cluster)" ;; esac

if [[ $topology == cluster ]]; then
  # Same apps, configuration only: the cluster's settings for every app, its runtime folder (secrets,
  # logs, pids) under .runtime/cluster.
  source infra/lib/cluster.sh
  while IFS= read -r line; do export "${line?}"; done < <(cluster_app_env)
  services=(postgres-cluster kafka-cluster temporal-cluster versitygw-cluster clamav-cluster keycloak)
else
  services=(temporal kafka versitygw clamav)
  [[ ${COMITY_DB_TYPE:-sqlite} == postgres ]] && services+=(postgres)
fi
bash infra/scripts/install.sh "${services[@]}"
use_project_node
bash infra/services.sh start "${services[@]}"

# Each app runs as one instance named after it, or, in the cluster, two: <app>-1 and <app>-2.
if [[ $topology == cluster ]]; then
  apps=(worker-1 worker-2 projector-1 projector-2 bridge-1 bridge-2 api-1 api-2 dashboard)
else
  apps=(worker projector bridge api dashboard)
fi
$demo && apps+=(agency-simulator)
app_dir="$COMITY_RUNTIME/apps"
mkdir -p "$app_dir"
bash infra/scripts/stop-apps.sh >/dev/null 2>&1 || true

# Where each app answers GET /health: the API and the dashboard on their own ports, the others on
# a liveness port of their own (COMITY_HEALTH_PORT for that app).
api_host=${COMITY_API_HOST:-127.0.0.1}
api="http://$api_host:${COMITY_API_PORT:-3000}"
dashboard="http://${COMITY_DASHBOARD_HOST:-127.0.0.1}:${COMITY_DASHBOARD_PORT:-8080}"
health_host=${COMITY_HEALTH_HOST:-127.0.0.1}
declare -A health_port=([worker]=${COMITY_WORKER_HEALTH_PORT:-3001} [projector]=${COMITY_PROJECTOR_HEALTH_PORT:-3002}
  [bridge]=${COMITY_BRIDGE_HEALTH_PORT:-3003} [agency-simulator]=${COMITY_SIMULATOR_HEALTH_PORT:-3004})
declare -A api_port=()
if [[ $topology == cluster ]]; then
  for app in worker projector bridge agency-simulator; do
    read -r -a ports <<<"${CLUSTER_HEALTH_PORTS[$app]}"
    for i in "${!ports[@]}"; do health_port[$app-$((i + 1))]=${ports[i]}; done
  done
  health_port[agency-simulator]=${health_port[agency-simulator-1]}
  for i in "${!CLUSTER_API_PORTS[@]}"; do api_port[api-$((i + 1))]=${CLUSTER_API_PORTS[i]}; done
fi
health_url() {
  case $1 in
    api) echo "$api/health" ;;
    api-*) echo "http://$api_host:${api_port[$1]}/health" ;;
    dashboard) echo "$dashboard/" ;;
    *) echo "http://$health_host:${health_port[$1]}/health" ;;
  esac
}

# From here on, leaving for any reason but a successful --detach stops the apps started so far.
detached=false
tail_pid=
on_exit() {
  local status=$?
  [[ -n $tail_pid ]] && kill "$tail_pid" 2>/dev/null
  $detached || bash infra/scripts/stop-apps.sh || true
  exit "$status"
}
trap on_exit EXIT
trap 'echo; exit 0' INT TERM

# The secrets exist, whole, before any app reads them (each app's with-env.sh only reads them then).
ensure_local_secrets

for instance in "${apps[@]}"; do
  app=${instance%-[0-9]}
  log "starting $instance (log: $app_dir/$instance.log)"
  app_env=()
  [[ -n ${health_port[$instance]:-} ]] && app_env+=(COMITY_HEALTH_PORT="${health_port[$instance]}")
  [[ -n ${api_port[$instance]:-} ]] && app_env+=(COMITY_API_PORT="${api_port[$instance]}")
  # Each Comity service is a Kafka principal of its own, with only its own grants; the API also acts
  # as comity-registrar for the agency registry. The simulator signs in as each agency it plays.
  # Instances of one service share its principal, its consumer group and its task queue.
  case $app in
    dashboard | agency-simulator) ;;
    api) app_env+=(COMITY_KAFKA_PRINCIPAL=comity-api COMITY_KAFKA_REGISTRAR_USERNAME=comity-registrar) ;;
    *) app_env+=(COMITY_KAFKA_PRINCIPAL="comity-$app") ;;
  esac
  env "${app_env[@]}" setsid nohup bash infra/scripts/with-env.sh node -r @swc-node/register "apps/$app/src/main.ts" \
    >"$app_dir/$instance.log" 2>&1 </dev/null &
  echo $! >"$app_dir/$instance.pid"
done

# Nine apps on a small machine start slower than five.
default_timeout=120
[[ $topology == cluster ]] && default_timeout=300
timeout=${COMITY_APP_START_TIMEOUT:-$default_timeout}
deadline=$((SECONDS + timeout))
for app in "${apps[@]}"; do
  until curl -fsS -o /dev/null --max-time 3 "$(health_url "$app")" 2>/dev/null; do
    pid_alive "$app_dir/$app.pid" || { tail -n 40 "$app_dir/$app.log" >&2; die "$app exited while starting (log: $app_dir/$app.log)"; }
    (( SECONDS < deadline )) || { tail -n 40 "$app_dir/$app.log" >&2; die "$app did not answer $(health_url "$app") within ${timeout}s"; }
    sleep 0.5
  done
  log "$app is up"
done
key_holders=()
for instance in "${apps[@]}"; do
  case ${instance%-[0-9]} in api | worker | bridge) key_holders+=("$instance=$(health_url "$instance")") ;; esac
done
node infra/scripts/compare-keys.mjs "${key_holders[@]}" >&2 ||
  die "the apps hold different keys: stop them, check COMITY_CODEC_KEYS or .runtime/secrets, and start again"

if [[ $topology == cluster ]]; then
  cat <<MSG

  Comity is running on the cluster topology (read model: PostgreSQL 127.0.0.1:$CLUSTER_PG_PORT)
    Dashboard    $dashboard  (signs in at Keycloak; it forwards to the first API)
    Sign-in      $COMITY_AUTH_ISSUER (development realm: users and test-only passwords in
                 infra/keycloak/comity-realm.json; no locally minted token is accepted)
    APIs         $(for p in "${CLUSTER_API_PORTS[@]}"; do printf 'http://%s:%s/api/v1  ' "$api_host" "$p"; done)
    Temporal     $COMITY_TEMPORAL_ADDRESS (mutual TLS; certificates in $COMITY_RUNTIME/temporal/tls)
    Kafka        $COMITY_KAFKA_BROKERS (TLS, SASL/SCRAM)
    Documents    S3 http://127.0.0.1:$CLUSTER_S3_PORT/${COMITY_S3_BUCKET:-comity-documents}, clamd 127.0.0.1:$CLUSTER_CLAMD_PORT
    Logs         $app_dir/*.log, $COMITY_RUNTIME/{temporal,kafka/node-*,postgres}/log
    The CLI      bash infra/scripts/cluster-env.sh npm run -s cli -- login   (device flow at Keycloak)
    Stop         npm run stop -- --topology cluster; npm run services -- stop cluster

MSG
else
  cat <<MSG

  Comity is running (read model: ${COMITY_DB_TYPE:-sqlite})
    Dashboard    $dashboard  (pick a user to sign in as, e.g. officer-1, coordinator)
    API          $api/api/v1
    API docs     $api/docs
    Health       $api/health
    Temporal UI  http://127.0.0.1:${COMITY_TEMPORAL_UI_PORT:-8233}
    Documents    S3 http://127.0.0.1:${COMITY_S3_PORT:-7070}/${COMITY_S3_BUCKET:-comity-documents}, clamd 127.0.0.1:${COMITY_CLAMD_PORT:-3310}
    Logs         $app_dir/*.log
    A token      npm run -s cli -- token --user officer-1 --role coordinator   (for curl and the CLI)
                 (an agency user: --role agency --agency <agency id>)

MSG
fi

if $demo && [[ $topology == cluster ]]; then
  # Signed in as the development realm's officer, by its password grant (a client only that realm has).
  COMITY_DEMO_TOKEN=$(node infra/keycloak/password-grant.mjs "$COMITY_AUTH_ISSUER" officer) ||
    die "could not sign the demo in at $COMITY_AUTH_ISSUER"
  export COMITY_DEMO_TOKEN
fi
$demo && bash infra/scripts/with-env.sh node -r @swc-node/register apps/agency-simulator/src/seed-demo.ts

if $detach; then
  detached=true
  exit 0
fi
log "following the apps' logs; Ctrl-C stops the apps"
logs=()
for app in "${apps[@]}"; do logs+=("$app_dir/$app.log"); done
tail -n 0 -F "${logs[@]}" &
tail_pid=$!
wait "$tail_pid"
