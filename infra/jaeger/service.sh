# shellcheck shell=bash
# Jaeger v2 for Comity: an OTLP receiver that keeps spans in memory and serves them back through its
# query API, so the tracing test (test/e2e/tracing.e2e.ts) can read a trace. Sourced by
# infra/services.sh (defines svc_install/start/stop/status); not part of the default services.
#
#   COMITY_JAEGER_OTLP_GRPC_PORT=4317   OTLP over gRPC, on 127.0.0.1
#   COMITY_JAEGER_OTLP_HTTP_PORT=4318   OTLP over HTTP (what the apps export to: OTEL_EXPORTER_OTLP_ENDPOINT)
#   COMITY_JAEGER_QUERY_PORT=16686      query API and UI, http://127.0.0.1:16686 (/api/traces?service=…)
#   COMITY_JAEGER_QUERY_GRPC_PORT=14270 query API over gRPC
#   COMITY_JAEGER_HEALTH_PORT=13133     health check (GET /status)
#   COMITY_JAEGER_ADMIN_PORT=14269      Jaeger's own Prometheus /metrics
#   COMITY_JAEGER_MAX_TRACES=100000     traces kept in memory (the oldest go first)
#
# The binary is built once per version from the Go module proxy (versions.env) into
# $COMITY_TOOLS/jaeger/<version> (infra/lib/go-build.sh; a build takes minutes on a small machine). Config and log in $COMITY_RUNTIME/jaeger; spans are lost
# on stop (memory storage).

# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=SCRIPTDIR/../lib/go-build.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/go-build.sh"
# shellcheck source=SCRIPTDIR/versions.env
source "$(dirname "${BASH_SOURCE[0]}")/versions.env"

JAEGER_OTLP_GRPC_PORT=${COMITY_JAEGER_OTLP_GRPC_PORT:-4317}
JAEGER_OTLP_HTTP_PORT=${COMITY_JAEGER_OTLP_HTTP_PORT:-4318}
JAEGER_QUERY_PORT=${COMITY_JAEGER_QUERY_PORT:-16686}
JAEGER_QUERY_GRPC_PORT=${COMITY_JAEGER_QUERY_GRPC_PORT:-14270}
JAEGER_HEALTH_PORT=${COMITY_JAEGER_HEALTH_PORT:-13133}
JAEGER_ADMIN_PORT=${COMITY_JAEGER_ADMIN_PORT:-14269}
JAEGER_MAX_TRACES=${COMITY_JAEGER_MAX_TRACES:-100000}

JAEGER_BIN_DIR=$COMITY_TOOLS/jaeger/$JAEGER_VERSION
JAEGER_BIN=$JAEGER_BIN_DIR/jaeger
JAEGER_HOME=$COMITY_RUNTIME/jaeger
JAEGER_PIDFILE=$JAEGER_HOME/jaeger.pid
JAEGER_LOG=$JAEGER_HOME/log/jaeger.log
JAEGER_CONFIG=$JAEGER_HOME/config.yaml

# `go install module@version` refuses a module whose go.mod has replace directives (Jaeger's has
# one), so the module's source is copied out of the module cache and built as the main module.
jaeger_build() {
  local source
  source=$(go mod download -json "$JAEGER_MODULE@$JAEGER_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')
  [[ -d $source ]] || die "go mod download gave no source folder for $JAEGER_MODULE@$JAEGER_VERSION"
  cp -r "$source" src && chmod -R u+w src || return
  (cd src && GOFLAGS=-buildvcs=false go build -trimpath -ldflags='-s -w' -o ../out/jaeger "./$JAEGER_PACKAGE")
}

svc_install() {
  go_build_once "$JAEGER_BIN_DIR" "$JAEGER_MODULE@$JAEGER_VERSION/$JAEGER_PACKAGE $JAEGER_GOTOOLCHAIN" "$JAEGER_GOTOOLCHAIN" jaeger_build
}

# jaeger_pid: prints the pid when the pid file names a live jaeger.
jaeger_pid() {
  pid_alive "$JAEGER_PIDFILE" || return 1
  local pid; pid=$(cat "$JAEGER_PIDFILE")
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$JAEGER_BIN" || return 1
  printf '%s' "$pid"
}

# jaeger_healthy: the health check answers and the query API lists services.
jaeger_healthy() {
  curl -fsS "http://127.0.0.1:$JAEGER_HEALTH_PORT/status" >/dev/null 2>&1 &&
    curl -fsS "http://127.0.0.1:$JAEGER_QUERY_PORT/api/services" >/dev/null 2>&1
}

jaeger_log_tail() {
  [[ -f $JAEGER_LOG ]] || return 0
  log "last lines of $JAEGER_LOG:"
  tail -n 40 "$JAEGER_LOG" >&2
}

svc_start() {
  local pid
  [[ -x $JAEGER_BIN ]] || die "jaeger is not installed (run infra/services.sh install jaeger)"
  if pid=$(jaeger_pid); then
    wait_until 30 "jaeger (pid $pid) to become healthy" jaeger_healthy || { jaeger_log_tail; die "jaeger (pid $pid) runs but is not healthy"; }
    log "already running (pid $pid)"
    return 0
  fi
  local port
  for port in "$JAEGER_OTLP_GRPC_PORT" "$JAEGER_OTLP_HTTP_PORT" "$JAEGER_QUERY_PORT" "$JAEGER_QUERY_GRPC_PORT" \
    "$JAEGER_HEALTH_PORT" "$JAEGER_ADMIN_PORT"; do
    port_open "$port" && die "port $port is taken by another process"
  done
  mkdir -p "$(dirname "$JAEGER_LOG")"
  if [[ -f $JAEGER_LOG ]]; then mv -f "$JAEGER_LOG" "$JAEGER_LOG.1"; fi
  sed -e "s/@OTLP_GRPC_PORT@/$JAEGER_OTLP_GRPC_PORT/" -e "s/@OTLP_HTTP_PORT@/$JAEGER_OTLP_HTTP_PORT/" \
    -e "s/@QUERY_PORT@/$JAEGER_QUERY_PORT/" -e "s/@QUERY_GRPC_PORT@/$JAEGER_QUERY_GRPC_PORT/" \
    -e "s/@HEALTH_PORT@/$JAEGER_HEALTH_PORT/" -e "s/@ADMIN_PORT@/$JAEGER_ADMIN_PORT/" \
    -e "s/@MAX_TRACES@/$JAEGER_MAX_TRACES/" \
    "$COMITY_ROOT/infra/jaeger/config.yaml.template" >"$JAEGER_CONFIG"

  log "starting (OTLP 127.0.0.1:$JAEGER_OTLP_GRPC_PORT gRPC, :$JAEGER_OTLP_HTTP_PORT HTTP)"
  # A pid file left by an instance that was killed would pass for this one's until it writes its own.
  rm -f "$JAEGER_PIDFILE"
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$0"; exec nohup "$@"' "$JAEGER_PIDFILE" "$JAEGER_BIN" --config "$JAEGER_CONFIG" \
    >>"$JAEGER_LOG" 2>&1 </dev/null &
  local deadline=$((SECONDS + 5))
  until [[ -s $JAEGER_PIDFILE ]] || (( SECONDS > deadline )); do sleep 0.1; done
  deadline=$((SECONDS + 30))
  until jaeger_healthy; do
    if ! jaeger_pid >/dev/null; then jaeger_log_tail; rm -f "$JAEGER_PIDFILE"; die "jaeger exited during start-up"; fi
    if (( SECONDS >= deadline )); then jaeger_log_tail; stop_pid "$JAEGER_PIDFILE" 10; die "jaeger did not become healthy within 30 s"; fi
    sleep 0.3
  done
  log "running (pid $(cat "$JAEGER_PIDFILE")), UI and query API http://127.0.0.1:$JAEGER_QUERY_PORT"
}

svc_stop() {
  local pid
  if pid=$(jaeger_pid); then
    log "stopping (pid $pid)"
    stop_pid "$JAEGER_PIDFILE" 15
  else
    rm -f "$JAEGER_PIDFILE"
    log "not running"
  fi
}

svc_status() {
  local pid
  if pid=$(jaeger_pid) && jaeger_healthy; then
    echo "jaeger: running (pid $pid), OTLP HTTP http://127.0.0.1:$JAEGER_OTLP_HTTP_PORT, query http://127.0.0.1:$JAEGER_QUERY_PORT"
    return 0
  elif [[ -n ${pid:-} ]]; then
    echo "jaeger: running (pid $pid) but not healthy"
  else
    echo "jaeger: stopped"
  fi
  return 1
}
