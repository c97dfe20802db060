# shellcheck shell=bash
# Temporal server of the cluster topology (`infra/services.sh start temporal-cluster`): the server
# built from go.temporal.io/server (version pinned in versions.env, built once by cluster-build.sh),
# its frontend, history, matching and internal worker services each a process of its own, on the
# cluster's PostgreSQL (postgres-cluster: persistence and visibility, schema loaded and upgraded by
# Temporal's own temporal-sql-tool), 4 history shards, and mutual TLS on every listener with a CA of
# the installation's own (ensure_local_tls): only holders of its certificates reach the server.
#
#   ports (infra/lib/cluster.sh): frontend gRPC 7333 (HTTP 7343), history 7334, matching 7335,
#   internal worker 7336; membership 6933-6936; Prometheus 9191-9194
#   files: $COMITY_CLUSTER_RUNTIME/temporal/{<service>.yaml,<service>.pid,log/<service>.log,tls/}
#
# start launches whichever service is not running (so restarting a killed one is `start` again),
# then waits until each answers its gRPC health check (the internal worker, which serves none, until
# it has joined the membership ring), the namespace exists and its search attributes are registered.

# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=SCRIPTDIR/../lib/cluster.sh
source "$COMITY_ROOT/infra/lib/cluster.sh"
COMITY_RUNTIME=$COMITY_CLUSTER_RUNTIME
export COMITY_RUNTIME
# The dev server's script gives the CLI, the health check and the search attributes.
# shellcheck source=SCRIPTDIR/service.sh
source "$COMITY_ROOT/infra/temporal/service.sh"
eval "temporal_cli_install() $(declare -f svc_install | tail -n +2)"

TEMPORAL_FRONTEND_ADDRESS=127.0.0.1:$CLUSTER_TEMPORAL_PORT
TC_HOME=$COMITY_RUNTIME/temporal
TC_TLS=$TC_HOME/tls
TC_BIN=$COMITY_TOOLS/temporal-server/$TEMPORAL_SERVER_VERSION
TC_START_TIMEOUT=${COMITY_CLUSTER_TEMPORAL_START_TIMEOUT:-180}
# The CLI (temporal_healthy, temporal_register_search_attributes) presents the client certificate.
export TEMPORAL_TLS_SERVER_CA_CERT_PATH=$TC_TLS/ca.crt TEMPORAL_TLS_CLIENT_CERT_PATH=$TC_TLS/client.crt \
  TEMPORAL_TLS_CLIENT_KEY_PATH=$TC_TLS/client.key TEMPORAL_TLS_SERVER_NAME=localhost
declare -A TC_HEALTH_NAME=([frontend]=temporal.api.workflowservice.v1.WorkflowService
  [history]=temporal.api.workflowservice.v1.HistoryService [matching]=temporal.api.workflowservice.v1.MatchingService)

svc_install() {
  temporal_cli_install
  bash "$COMITY_ROOT/infra/temporal/cluster-build.sh" >/dev/null
}

tc_pidfile() { printf '%s/%s.pid' "$TC_HOME" "$1"; }

# tc_pid SERVICE: prints the pid of the running SERVICE process (a live temporal-server of that service).
tc_pid() {
  local pidfile; pidfile=$(tc_pidfile "$1")
  pid_alive "$pidfile" || return 1
  local pid; pid=$(<"$pidfile")
  [[ $(ps -o stat= -p "$pid" 2>/dev/null) != Z* ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "temporal-server .*--service $1" || return 1
  printf '%s' "$pid"
}

# tc_healthy SERVICE: the process answers SERVING to its gRPC health check; the internal worker
# service serves no gRPC health, so: it runs and listens on its membership port.
tc_healthy() {
  tc_pid "$1" >/dev/null || return 1
  if [[ $1 == worker ]]; then
    port_open "${CLUSTER_TEMPORAL_MEMBERSHIP[worker]}"
  else
    (cd "$COMITY_ROOT" && node infra/temporal/grpc-health.mjs "127.0.0.1:${CLUSTER_TEMPORAL_GRPC[$1]}" \
      "${TC_HEALTH_NAME[$1]}" "$TC_TLS" 2>/dev/null)
  fi
}

tc_render() {
  local text
  text=$(<"$COMITY_ROOT/infra/temporal/cluster.yaml.template")
  text=${text//@SERVICE@/$1}
  text=${text//@METRICS_PORT@/${CLUSTER_TEMPORAL_METRICS[$1]}}
  text=${text//@PG_PORT@/$CLUSTER_PG_PORT}
  text=${text//@PG_USER@/$CLUSTER_PG_TEMPORAL_USER}
  text=${text//@PG_PASSWORD@/$(cluster_secret temporal-db-password)}
  text=${text//@TLS_DIR@/$TC_TLS}
  text=${text//@DYNAMIC_CONFIG@/$COMITY_ROOT/infra/temporal/cluster-dynamicconfig.yaml}
  text=${text//@FRONTEND_HTTP_PORT@/$CLUSTER_TEMPORAL_HTTP_PORT}
  local svc upper
  for svc in frontend history matching worker; do
    upper=${svc^^}
    text=${text//@${upper}_PORT@/${CLUSTER_TEMPORAL_GRPC[$svc]}}
    text=${text//@${upper}_MEMBERSHIP_PORT@/${CLUSTER_TEMPORAL_MEMBERSHIP[$svc]}}
  done
  printf '%s\n' "$text"
}

# tc_sql_tool DATABASE ARGS...: Temporal's schema tool on one of its databases.
tc_sql_tool() {
  local db=$1; shift
  "$TC_BIN/temporal-sql-tool" --plugin postgres12 --endpoint 127.0.0.1 --port "$CLUSTER_PG_PORT" \
    --user "$CLUSTER_PG_TEMPORAL_USER" --password "$(cluster_secret temporal-db-password)" --database "$db" "$@"
}

# tc_schema: loads the schema of a new database (version 0.0, then every versioned step) and
# upgrades an existing one to the version the built server ships: the upgrade procedure itself.
tc_schema() {
  local db dir has
  for db in "${CLUSTER_PG_TEMPORAL_DBS[@]}"; do
    dir=$TC_BIN/schema/postgresql/v12/temporal/versioned
    [[ $db == temporal_visibility ]] && dir=$TC_BIN/schema/postgresql/v12/visibility/versioned
    has=$(PGPASSWORD=$(cluster_secret temporal-db-password) psql -X -q -h 127.0.0.1 -p "$CLUSTER_PG_PORT" \
      -U "$CLUSTER_PG_TEMPORAL_USER" -d "$db" -tAc "SELECT to_regclass('schema_version') IS NOT NULL") ||
      die "cannot reach database $db on 127.0.0.1:$CLUSTER_PG_PORT (infra/services.sh start postgres-cluster)"
    if [[ $has != t ]]; then
      log "loading Temporal's schema into $db"
      tc_sql_tool "$db" setup-schema -v 0.0 >/dev/null 2>&1 || die "temporal-sql-tool setup-schema failed on $db"
    fi
    tc_sql_tool "$db" update-schema -d "$dir" >"$TC_HOME/log/schema-$db.log" 2>&1 ||
      { tail -n 20 "$TC_HOME/log/schema-$db.log" >&2; die "temporal-sql-tool update-schema failed on $db"; }
  done
}

tc_launch() {
  local svc=$1 port
  for port in "${CLUSTER_TEMPORAL_GRPC[$svc]}" "${CLUSTER_TEMPORAL_MEMBERSHIP[$svc]}"; do
    port_open "$port" && die "port $port ($svc) is already in use by another process"
  done
  local log=$TC_HOME/log/$svc.log
  if [[ -f $log ]]; then mv -f "$log" "$log.1"; fi
  log "starting $svc (log: $log)"
  # shellcheck disable=SC2016 # $$ and $1 expand in the child, which writes its own pid
  setsid nohup bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$(tc_pidfile "$svc")" \
    "$TC_BIN/temporal-server" --config-file "$TC_HOME/$svc.yaml" --allow-no-auth start --service "$svc" \
    >"$log" 2>&1 </dev/null &
  wait_until 5 "the $svc pid file" test -s "$(tc_pidfile "$svc")" || die "$svc did not start"
}

tc_log_tail() {
  local log=$TC_HOME/log/$1.log
  [[ -f $log ]] || return 0
  log "last lines of $log:"
  tail -n 30 "$log" >&2
}

# tc_namespace: the Comity namespace (created when missing) and its search attributes.
tc_namespace() {
  local cli; cli=$(temporal_cli)
  if ! "$cli" operator namespace describe --address "$TEMPORAL_FRONTEND_ADDRESS" --namespace "$COMITY_TEMPORAL_NAMESPACE" \
    --command-timeout 5s >/dev/null 2>&1; then
    log "creating namespace $COMITY_TEMPORAL_NAMESPACE"
    "$cli" operator namespace create --address "$TEMPORAL_FRONTEND_ADDRESS" --namespace "$COMITY_TEMPORAL_NAMESPACE" \
      --retention 72h --command-timeout 10s >/dev/null
  fi
  # Each frontend learns of a new namespace from its cache, refreshed every few seconds.
  wait_until 60 "namespace $COMITY_TEMPORAL_NAMESPACE" "$cli" operator namespace describe \
    --address "$TEMPORAL_FRONTEND_ADDRESS" --namespace "$COMITY_TEMPORAL_NAMESPACE" --command-timeout 3s ||
    die "namespace $COMITY_TEMPORAL_NAMESPACE is not visible"
  temporal_register_search_attributes
}

svc_start() {
  [[ -x $TC_BIN/temporal-server ]] || die "the Temporal server is not built (infra/services.sh install temporal-cluster)"
  port_open "$CLUSTER_PG_PORT" || die "the cluster's PostgreSQL is not running (infra/services.sh start postgres-cluster)"
  mkdir -p "$TC_HOME/log"
  ensure_local_tls "$TC_TLS" "Comity local Temporal CA" server client=comity-app
  tc_schema
  local svc pid launched=() started=$SECONDS
  for svc in "${CLUSTER_TEMPORAL_SERVICES[@]}"; do
    if pid=$(tc_pid "$svc") && [[ $(tc_render "$svc") != "$(cat "$TC_HOME/$svc.yaml" 2>/dev/null)" ]]; then
      log "$svc's configuration changed; restarting it"
      stop_pid "$(tc_pidfile "$svc")" 30
    fi
    tc_render "$svc" | write_atomically "$TC_HOME/$svc.yaml"
    if ! tc_pid "$svc" >/dev/null; then
      tc_launch "$svc"
      launched+=("$svc")
    fi
  done
  local deadline=$((SECONDS + TC_START_TIMEOUT))
  for svc in "${CLUSTER_TEMPORAL_SERVICES[@]}"; do
    until tc_healthy "$svc"; do
      tc_pid "$svc" >/dev/null || { tc_log_tail "$svc"; die "$svc exited during start-up"; }
      (( SECONDS < deadline )) || { tc_log_tail "$svc"; die "$svc is not healthy after ${TC_START_TIMEOUT}s"; }
      sleep 0.5
    done
  done
  tc_namespace
  wait_until 60 "the frontend and namespace $COMITY_TEMPORAL_NAMESPACE" temporal_healthy || die "Temporal is not healthy"
  if (( ${#launched[@]} )); then
    log "running on $TEMPORAL_FRONTEND_ADDRESS (mTLS); started ${launched[*]}, healthy after $((SECONDS - started))s"
  else
    log "already running on $TEMPORAL_FRONTEND_ADDRESS (mTLS)"
  fi
}

svc_stop() {
  local svc pid
  # The frontend first, so no new work arrives; history last, so its shards are handed over cleanly.
  for svc in frontend worker matching history; do
    if pid=$(tc_pid "$svc"); then
      log "stopping $svc (pid $pid)"
      stop_pid "$(tc_pidfile "$svc")" 30
    else
      rm -f "$(tc_pidfile "$svc")"
    fi
  done
}

svc_status() {
  local svc pid rc=0
  for svc in "${CLUSTER_TEMPORAL_SERVICES[@]}"; do
    if pid=$(tc_pid "$svc") && tc_healthy "$svc"; then
      echo "temporal-cluster $svc: running (pid $pid) on 127.0.0.1:${CLUSTER_TEMPORAL_GRPC[$svc]}"
    elif [[ -n ${pid:-} ]]; then
      echo "temporal-cluster $svc: running (pid $pid) but not healthy"; rc=1
    else
      echo "temporal-cluster $svc: stopped"; rc=1
    fi
    pid=
  done
  return $rc
}
