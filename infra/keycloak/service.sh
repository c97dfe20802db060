#!/usr/bin/env bash
# shellcheck shell=bash
# Keycloak for Comity: the identity provider of the OIDC sign-in (dashboard: authorization code +
# PKCE; CLI: device flow), in development mode, from the keycloak-quarkus-dist zip on Maven Central.
# Sourced by infra/services.sh, which calls svc_install, svc_start, svc_stop and svc_status.
#
# Environment (defaults in brackets):
#   COMITY_KEYCLOAK_PORT [8280]             HTTP on 127.0.0.1; the realm's issuer is
#                                           http://127.0.0.1:$COMITY_KEYCLOAK_PORT/realms/comity
#   COMITY_KEYCLOAK_MANAGEMENT_PORT [9280]  health (/health/ready) on 127.0.0.1
#   COMITY_KEYCLOAK_JAVA_HOME               a JDK 17+; by default the newest under /usr/lib/jvm
#   COMITY_KEYCLOAK_HEAP [-Xms64m -Xmx512m] JVM heap options
#   COMITY_KEYCLOAK_START_TIMEOUT [600]     seconds to wait for /health/ready (a first start builds
#                                           Keycloak's optimised image, which takes longer)
#   COMITY_KEYCLOAK_HOME [$COMITY_RUNTIME/keycloak]  its log, pid and lock; the cluster topology
#                                           points it at the embedded runtime's, so that one Keycloak
#                                           serves both topologies (infra/lib/cluster.sh)
# Files: the distribution in $COMITY_TOOLS/keycloak/<version>.
#
# The realms are imported at every start from infra/keycloak/*-realm.json into an in-memory
# database (dev-mem): the realm is exactly the committed file, and nothing persists. Its users and
# passwords are test-only (docs/security.md); `start-dev` is never a production set-up.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

# Keycloak 26.7.3: the newest keycloak-quarkus-dist Maven Central serves here.
KEYCLOAK_VERSION=26.7.3
KEYCLOAK_SRC=$COMITY_ROOT/infra/keycloak
KEYCLOAK_DIST=$COMITY_TOOLS/keycloak/$KEYCLOAK_VERSION
KEYCLOAK_HOME=${COMITY_KEYCLOAK_HOME:-$COMITY_RUNTIME/keycloak}
KEYCLOAK_PIDFILE=$KEYCLOAK_HOME/keycloak.pid
KEYCLOAK_LOG=$KEYCLOAK_HOME/keycloak.log
KEYCLOAK_PORT=${COMITY_KEYCLOAK_PORT:-8280}
KEYCLOAK_MANAGEMENT_PORT=${COMITY_KEYCLOAK_MANAGEMENT_PORT:-9280}
KEYCLOAK_HEAP=${COMITY_KEYCLOAK_HEAP:--Xms64m -Xmx512m}
KEYCLOAK_START_TIMEOUT=${COMITY_KEYCLOAK_START_TIMEOUT:-600}
KEYCLOAK_URL=http://127.0.0.1:$KEYCLOAK_PORT

# keycloak_java_home: the newest JDK under /usr/lib/jvm (or COMITY_KEYCLOAK_JAVA_HOME), 17 or newer.
# Keycloak 26 still runs on 17 but deprecates it, so a newer JDK is preferred where one is installed.
keycloak_java_home() {
  if [[ -n ${COMITY_KEYCLOAK_JAVA_HOME:-} ]]; then printf '%s' "$COMITY_KEYCLOAK_JAVA_HOME"; return; fi
  local candidate major best="" best_major=0
  for candidate in /usr/lib/jvm/*; do
    [[ -x $candidate/bin/java && ! -L $candidate ]] || continue
    major=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
    if (( ${major:-0} > best_major )); then best=$candidate best_major=$major; fi
  done
  (( best_major >= 17 )) || return 1
  printf '%s' "$best"
}

svc_install() {
  [[ -x $KEYCLOAK_DIST/bin/kc.sh ]] && return 0
  command -v mvn >/dev/null || die "mvn not found (needed once to fetch Keycloak: apt-get install maven)"
  command -v unzip >/dev/null || die "unzip not found (apt-get install unzip)"
  log "installing Keycloak $KEYCLOAK_VERSION into $KEYCLOAK_DIST"
  mkdir -p "$(dirname "$KEYCLOAK_DIST")"
  local tmp; tmp=$(mktemp -d "$KEYCLOAK_DIST.new.XXXXXX")
  if ! mvn -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
    -DoutputDirectory="$tmp" >"$tmp/mvn.log" 2>&1; then
    cat "$tmp/mvn.log" >&2; rm -rf "$tmp"; die "mvn could not fetch keycloak-quarkus-dist $KEYCLOAK_VERSION"
  fi
  unzip -q "$tmp/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" -d "$tmp" || { rm -rf "$tmp"; die "could not unzip Keycloak"; }
  # A rename, so a concurrent installer or a reader sees the whole distribution or none of it.
  mv -T "$tmp/keycloak-$KEYCLOAK_VERSION" "$KEYCLOAK_DIST" 2>/dev/null || [[ -x $KEYCLOAK_DIST/bin/kc.sh ]] ||
    { rm -rf "$tmp"; die "could not install Keycloak into $KEYCLOAK_DIST"; }
  rm -rf "$tmp"
}

keycloak_running() {
  pid_alive "$KEYCLOAK_PIDFILE" && grep -qa 'io.quarkus.bootstrap.runner.QuarkusEntryPoint\|keycloak' \
    "/proc/$(<"$KEYCLOAK_PIDFILE")/cmdline" 2>/dev/null
}

# Ready means the management interface says so (database and realms loaded), not a log line.
keycloak_healthy() {
  curl -fsS --max-time 3 "http://127.0.0.1:$KEYCLOAK_MANAGEMENT_PORT/health/ready" 2>/dev/null | grep -q '"UP"'
}

keycloak_wait_healthy() {
  local deadline=$((SECONDS + KEYCLOAK_START_TIMEOUT))
  until keycloak_healthy; do
    keycloak_running || return 2
    (( SECONDS < deadline )) || return 1
    sleep 0.5
  done
}

keycloak_log_tail() {
  [[ -f $KEYCLOAK_LOG ]] || return 0
  log "last lines of $KEYCLOAK_LOG:"
  tail -n 40 "$KEYCLOAK_LOG" >&2
}

svc_start() {
  mkdir -p "$KEYCLOAK_HOME"
  # One starter at a time (test-all starts it in the background while others may run start too);
  # Keycloak itself does not inherit the lock (8>&- below), so a later start finds it free.
  exec 8>"$KEYCLOAK_HOME/.lock"
  flock -w "$KEYCLOAK_START_TIMEOUT" 8 || die "could not lock $KEYCLOAK_HOME"
  if keycloak_running; then
    local rc=0
    keycloak_wait_healthy || rc=$?
    if (( rc == 0 )); then log "already running (pid $(<"$KEYCLOAK_PIDFILE")) on $KEYCLOAK_URL"; return 0; fi
    (( rc == 2 )) || { keycloak_log_tail; die "Keycloak (pid $(<"$KEYCLOAK_PIDFILE")) is not ready; see $KEYCLOAK_LOG"; }
  fi
  rm -f "$KEYCLOAK_PIDFILE"
  local port
  for port in "$KEYCLOAK_PORT" "$KEYCLOAK_MANAGEMENT_PORT"; do
    port_open "$port" && die "port $port is already in use (set COMITY_KEYCLOAK_PORT / COMITY_KEYCLOAK_MANAGEMENT_PORT)"
  done
  local java_home
  java_home=$(keycloak_java_home) || die "Keycloak $KEYCLOAK_VERSION needs a JDK 17+ under /usr/lib/jvm (or set COMITY_KEYCLOAK_JAVA_HOME)"
  # --import-realm reads the distribution's data/import: exactly the committed realm files.
  local import=$KEYCLOAK_DIST/data/import
  rm -rf "$import" && mkdir -p "$import"
  cp "$KEYCLOAK_SRC"/*-realm.json "$import/"
  if [[ -f $KEYCLOAK_LOG ]]; then mv -f "$KEYCLOAK_LOG" "$KEYCLOAK_LOG.1"; fi

  log "starting Keycloak $KEYCLOAK_VERSION on $KEYCLOAK_URL (Java $(basename "$java_home"), log $KEYCLOAK_LOG)"
  local started=$SECONDS
  # shellcheck disable=SC2016
  JAVA_HOME=$java_home JAVA_OPTS_KC_HEAP="$KEYCLOAK_HEAP" setsid nohup bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$KEYCLOAK_PIDFILE" \
    "$KEYCLOAK_DIST/bin/kc.sh" start-dev \
    --http-host 127.0.0.1 --http-port "$KEYCLOAK_PORT" \
    --http-management-port "$KEYCLOAK_MANAGEMENT_PORT" --health-enabled true \
    --hostname "$KEYCLOAK_URL" \
    --db dev-mem \
    --import-realm \
    >"$KEYCLOAK_LOG" 2>&1 </dev/null 8>&- &
  local deadline=$((SECONDS + 5))
  until [[ -s $KEYCLOAK_PIDFILE ]] || (( SECONDS > deadline )); do sleep 0.1; done

  local rc=0
  keycloak_wait_healthy || rc=$?
  if (( rc != 0 )); then
    keycloak_log_tail
    (( rc == 2 )) && { rm -f "$KEYCLOAK_PIDFILE"; die "Keycloak exited during start-up"; }
    stop_pid "$KEYCLOAK_PIDFILE" 20
    die "Keycloak was not ready within ${KEYCLOAK_START_TIMEOUT}s"
  fi
  log "running (pid $(<"$KEYCLOAK_PIDFILE")) on $KEYCLOAK_URL, realm comity ($((SECONDS - started))s)"
}

svc_stop() {
  if keycloak_running; then
    log "stopping (pid $(<"$KEYCLOAK_PIDFILE"))"
    stop_pid "$KEYCLOAK_PIDFILE" 30
  else
    rm -f "$KEYCLOAK_PIDFILE"
    log "not running"
  fi
}

svc_status() {
  if keycloak_running && keycloak_healthy; then
    echo "keycloak: running (pid $(<"$KEYCLOAK_PIDFILE")) on $KEYCLOAK_URL"
  elif keycloak_running; then
    echo "keycloak: pid $(<"$KEYCLOAK_PIDFILE") runs but is not ready"
    return 1
  else
    echo "keycloak: not running"
    return 3
  fi
}
