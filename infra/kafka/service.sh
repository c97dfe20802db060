#!/usr/bin/env bash
# Kafka for Comity: Apache Kafka 4 in KRaft mode from Maven Central jars, each node both broker and
# controller: one node (the embedded default), or several from the same functions when
# KAFKA_CLUSTER_PORTS is set before sourcing (infra/kafka/cluster.sh: three, replication 3).
# Sourced by infra/services.sh, which calls svc_install, svc_start, svc_stop and svc_status.
#
# Environment (defaults in brackets):
#   COMITY_KAFKA_PORT [9092]             SASL_SSL (SCRAM-SHA-512 over TLS) listener on 127.0.0.1 (clients
#                                        connect here, trusting $COMITY_RUNTIME/kafka/tls/ca.crt)
#   COMITY_KAFKA_CONTROLLER_PORT [9093]  KRaft controller listener on 127.0.0.1 (SASL PLAIN, the broker's own user)
#   COMITY_KAFKA_HEAP [-Xms256m -Xmx512m]  broker JVM heap options
#   COMITY_KAFKA_START_TIMEOUT [90]      seconds to wait for the broker to answer
#   COMITY_KAFKA_STOP_TIMEOUT [60]       seconds for a controlled shutdown before SIGKILL
#   COMITY_TOPIC_PROCESS_EVENTS [comity.process-events.v1]    partitions: COMITY_TOPIC_PROCESS_EVENTS_PARTITIONS [6]
#   COMITY_TOPIC_DEAD_LETTER [comity.dead-letter.v1]          partitions: COMITY_TOPIC_DEAD_LETTER_PARTITIONS [3]
# Files: jars in $COMITY_TOOLS/kafka/libs; config, data, logs, pid and cluster id in $COMITY_RUNTIME/kafka;
# the principals' passwords in $COMITY_RUNTIME/kafka/secrets (ensure_kafka_secrets in infra/lib/common.sh).
set -euo pipefail
# shellcheck source=infra/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

KAFKA_SRC=$COMITY_ROOT/infra/kafka
KAFKA_LIBS=$COMITY_TOOLS/kafka/libs
# Resolved, so a runtime folder that links to this one (test/e2e/first-start.e2e.ts) renders the same configuration.
KAFKA_HOME=$(realpath -m "$COMITY_RUNTIME/kafka")
KAFKA_TLS=$KAFKA_HOME/tls
KAFKA_CLUSTER_ID_FILE=$KAFKA_HOME/cluster.id
KAFKA_TOPICS_STAMP=$KAFKA_HOME/topics.ok
KAFKA_HEAP=${COMITY_KAFKA_HEAP:--Xms256m -Xmx512m}
KAFKA_START_TIMEOUT=${COMITY_KAFKA_START_TIMEOUT:-90}
KAFKA_STOP_TIMEOUT=${COMITY_KAFKA_STOP_TIMEOUT:-60}
# The nodes: client and controller port of each, node ids 1..n. One node unless the caller set
# KAFKA_CLUSTER_PORTS and KAFKA_CLUSTER_CONTROLLER_PORTS (arrays) before sourcing this file.
if [[ -n ${KAFKA_CLUSTER_PORTS+set} ]]; then
  KAFKA_PORTS=("${KAFKA_CLUSTER_PORTS[@]}")
  KAFKA_CONTROLLER_PORTS=("${KAFKA_CLUSTER_CONTROLLER_PORTS[@]}")
else
  KAFKA_PORTS=("${COMITY_KAFKA_PORT:-9092}")
  KAFKA_CONTROLLER_PORTS=("${COMITY_KAFKA_CONTROLLER_PORT:-9093}")
fi
KAFKA_NODE_COUNT=${#KAFKA_PORTS[@]}
# Copies of every partition, and how many must have a write before it is acknowledged (acks=all).
KAFKA_REPLICATION=$(( KAFKA_NODE_COUNT < 3 ? KAFKA_NODE_COUNT : 3 ))
KAFKA_MIN_ISR=$(( KAFKA_REPLICATION > 1 ? KAFKA_REPLICATION - 1 : 1 ))
KAFKA_BOOTSTRAP=$(printf '127.0.0.1:%s,' "${KAFKA_PORTS[@]}"); KAFKA_BOOTSTRAP=${KAFKA_BOOTSTRAP%,}
KAFKA_VOTERS=
for ((i = 0; i < KAFKA_NODE_COUNT; i++)); do KAFKA_VOTERS+="${KAFKA_VOTERS:+,}$((i + 1))@127.0.0.1:${KAFKA_CONTROLLER_PORTS[i]}"; done

# kafka_node ID: selects node ID (1..n) for the functions below: its ports, config, data, logs and
# pid file (a single node keeps them straight in $KAFKA_HOME; nodes of a cluster in node-<id>/).
kafka_node() {
  KAFKA_NODE_ID=$1
  KAFKA_PORT=${KAFKA_PORTS[$1 - 1]}
  KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORTS[$1 - 1]}
  local dir=$KAFKA_HOME
  (( KAFKA_NODE_COUNT == 1 )) || dir=$KAFKA_HOME/node-$1
  KAFKA_DATA=$dir/data
  KAFKA_LOGS=$dir/log
  KAFKA_PIDFILE=$dir/kafka.pid
  KAFKA_CONFIG=$dir/server.properties
  # Which credentials the data folder was formatted with (a digest of the passwords, not the passwords).
  KAFKA_CREDENTIALS_STAMP=$dir/credentials.ok
}
kafka_node 1
# name:partitions, one per topic the services use.
KAFKA_TOPICS=(
  "${COMITY_TOPIC_PROCESS_EVENTS:-comity.process-events.v1}:${COMITY_TOPIC_PROCESS_EVENTS_PARTITIONS:-6}"
  "${COMITY_TOPIC_AGENCY_RESPONSES_RETRY:-comity.agency-responses.retry.v1}:${COMITY_TOPIC_AGENCY_RESPONSES_RETRY_PARTITIONS:-3}"
  "${COMITY_TOPIC_DEAD_LETTER:-comity.dead-letter.v1}:${COMITY_TOPIC_DEAD_LETTER_PARTITIONS:-3}"
)

# What the installed jars were resolved from: the Kafka version and a digest of pom.xml.
kafka_install_stamp() {
  local version digest
  version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$KAFKA_SRC/pom.xml")
  digest=$(sha256sum "$KAFKA_SRC/pom.xml" | cut -d' ' -f1)
  printf 'kafka %s pom %s\n' "$version" "$digest"
}

svc_install() {
  command -v java >/dev/null || die "java not found (Kafka needs Java 17+: apt-get install openjdk-17-jdk-headless)"
  local stamp; stamp=$(kafka_install_stamp)
  if [[ -f $KAFKA_LIBS/.installed && $(<"$KAFKA_LIBS/.installed") == "$stamp" ]]; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found (needed once to fetch the Kafka jars: apt-get install maven)"
  if kafka_running; then
    # Never swap jars under a running broker.
    log "infra/kafka/pom.xml changed; the running broker keeps its jars until 'infra/services.sh restart kafka'"
    return 0
  fi
  log "installing ${stamp%% pom *} jars into $KAFKA_LIBS"
  local tmp=$KAFKA_LIBS.tmp
  rm -rf "$tmp"
  mkdir -p "$(dirname "$KAFKA_LIBS")"
  # Maven prints only errors with -q (and a stray ANSI reset on stdout): keep it for a failure.
  if ! mvn -q -B -f "$KAFKA_SRC/pom.xml" dependency:copy-dependencies -DoutputDirectory="$tmp" >"$tmp.log" 2>&1; then
    cat "$tmp.log" >&2; rm -rf "$tmp" "$tmp.log"; die "mvn could not resolve the Kafka jars"
  fi
  rm -f "$tmp.log"
  printf '%s\n' "$stamp" >"$tmp/.installed"
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
}

# kafka_tool CLASS ARGS...: runs a Kafka command-line class in a small, quick-starting JVM.
kafka_tool() {
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_SRC/tools-log4j2.properties" \
    -cp "$KAFKA_LIBS/*" "$@"
}

# kafka_wire BYTES N: sends BYTES (a printf format: one request of the Kafka wire protocol) to the
# broker and prints the first N bytes of the answer in hex. Speaking the protocol from bash keeps the
# health checks free of JVM starts.
kafka_wire() {
  # The client listener speaks TLS: openssl carries the request, checking the broker's certificate.
  # shellcheck disable=SC2059 # $1 is the request, a printf format on purpose
  # (head closes the pipe once it has the answer: openssl's SIGPIPE is no failure, under pipefail.)
  { printf "$1" | timeout 5 openssl s_client -connect "127.0.0.1:$KAFKA_PORT" -CAfile "$KAFKA_TLS/ca.crt" \
    -verify_return_error -quiet 2>/dev/null || true; } | head -c "$2" | od -An -v -tx1 | tr -d ' \n'
}

# kafka_answers: true when the broker answers an ApiVersions request, the one request a SASL
# listener serves before authentication. Readiness proper (the metadata caught up, the group
# coordinator up) is what kafka_ensure_topics then waits for, authenticated, through the admin client.
kafka_answers() {
  local hex
  # size 10 | api_key 18 (ApiVersions) | version 0 | correlation id 7 | client id null
  hex=$(kafka_wire '\x00\x00\x00\x0a\x00\x12\x00\x00\x00\x00\x00\x07\xff\xff' 10) || return 1
  # answer: size (4 bytes) | correlation id (4) | error code (2)
  [[ ${#hex} == 20 && ${hex:8:8} == 00000007 && ${hex:16:4} == 0000 ]]
}

# kafka_running: the pid file names a live Kafka broker. A killed broker stays a zombie until init
# reaps it (about a second here), and a pid can be reused: neither counts.
kafka_running() {
  pid_alive "$KAFKA_PIDFILE" || return 1
  local pid; pid=$(<"$KAFKA_PIDFILE")
  [[ $(ps -o stat= -p "$pid" 2>/dev/null) != Z* ]] && grep -qa kafka.Kafka "/proc/$pid/cmdline" 2>/dev/null
}

kafka_healthy() { kafka_running && port_open "$KAFKA_PORT" && kafka_answers; }

# kafka_wait_healthy: waits up to KAFKA_START_TIMEOUT seconds; returns 1 on time-out, 2 when the broker exited.
kafka_wait_healthy() {
  local deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  until kafka_healthy; do
    kafka_running || return 2
    (( SECONDS < deadline )) || return 1
    sleep 0.5
  done
}

# A Kafka cluster id: 16 random bytes, base64url without padding, not starting with '-' (as Uuid.randomUuid).
kafka_new_cluster_id() {
  local id
  while :; do
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
    [[ $id != -* ]] && { printf '%s\n' "$id"; return; }
  done
}

# kafka_render_config: the broker's configuration from the template, with the passwords of its own
# users (the file is the operator's alone: mode 600).
kafka_render_config() {
  local text
  text=$(<"$KAFKA_SRC/server.properties.template")
  text=${text//@NODE_ID@/$KAFKA_NODE_ID}
  text=${text//@VOTERS@/$KAFKA_VOTERS}
  text=${text//@REPLICATION@/$KAFKA_REPLICATION}
  text=${text//@MIN_ISR@/$KAFKA_MIN_ISR}
  text=${text//@PORT@/$KAFKA_PORT}
  text=${text//@CONTROLLER_PORT@/$KAFKA_CONTROLLER_PORT}
  text=${text//@DATA_DIR@/$KAFKA_DATA}
  text=${text//@TLS_DIR@/$KAFKA_TLS}
  text=${text//@ADMIN_PASSWORD@/$(kafka_password comity-admin)}
  text=${text//@CONTROLLER_PASSWORD@/$(kafka_password comity-controller)}
  printf '%s\n' "$text"
}

kafka_write_config() { kafka_render_config | write_atomically "$KAFKA_CONFIG"; }

# kafka_credentials_digest: which SCRAM users, with which passwords, the data folder must know.
kafka_credentials_digest() {
  local principal
  for principal in "${KAFKA_PRINCIPALS[@]}"; do printf '%s %s\n' "$principal" "$(kafka_password "$principal")"; done |
    sha256sum | cut -d' ' -f1
}

# Formats the data folder once, with the cluster id kept in $KAFKA_CLUSTER_ID_FILE and a SCRAM
# credential for every principal but the controller's (which is PLAIN, in the configuration). A
# folder formatted with other credentials (or none: before the broker authenticated clients) is
# formatted anew: its topics are recreated empty; this is a development broker.
kafka_format() {
  local digest; digest=$(kafka_credentials_digest)
  if [[ -f $KAFKA_DATA/meta.properties ]]; then
    [[ -f $KAFKA_CREDENTIALS_STAMP && $(<"$KAFKA_CREDENTIALS_STAMP") == "$digest" ]] && return 0
    log "$KAFKA_DATA was formatted without the current credentials; formatting it anew (local topics start empty)"
    rm -rf "$KAFKA_DATA"
    mkdir -p "$KAFKA_DATA"
  fi
  [[ -s $KAFKA_CLUSTER_ID_FILE ]] || kafka_new_cluster_id >"$KAFKA_CLUSTER_ID_FILE"
  local cluster_id; cluster_id=$(<"$KAFKA_CLUSTER_ID_FILE")
  local scram=() principal
  for principal in "${KAFKA_PRINCIPALS[@]}"; do
    [[ $principal == comity-controller ]] && continue
    scram+=(--add-scram "SCRAM-SHA-512=[name=$principal,password=$(kafka_password "$principal")]")
  done
  log "formatting $KAFKA_DATA (cluster id $cluster_id, $(( ${#scram[@]} / 2 )) SCRAM users)"
  kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONFIG" --ignore-formatted "${scram[@]}" >/dev/null \
    || die "kafka-storage format failed"
  printf '%s\n' "$digest" >"$KAFKA_CREDENTIALS_STAMP"
}

# Creates the topics that do not exist yet and grants each service its ACLs, as comity-admin
# (libs/kafka/scripts/kafka-admin.ts; one Node.js process, which also waits until the broker serves
# authenticated requests and warms the group coordinator). Skipped while $KAFKA_TOPICS_STAMP matches
# the topics asked for and the ACL definitions (cleared on each start).
kafka_ensure_topics() {
  local spec
  spec="${KAFKA_TOPICS[*]} @ $KAFKA_BOOTSTRAP acls $(sha256sum "$COMITY_ROOT/libs/kafka/src/kafka-acls.ts" | cut -c1-16)"
  [[ -f $KAFKA_TOPICS_STAMP && $(<"$KAFKA_TOPICS_STAMP") == "$spec" ]] && return 0
  local started=$SECONDS
  [[ -d $COMITY_ROOT/node_modules/kafkajs ]] || die "npm packages are missing (run infra/scripts/install.sh)"
  (cd "$COMITY_ROOT" && kafka_as comity-admin node -r @swc-node/register libs/kafka/scripts/kafka-admin.ts ensure "${KAFKA_TOPICS[@]}") \
    || die "could not create the Kafka topics and ACLs (${KAFKA_TOPICS[*]})"
  printf '%s\n' "$spec" >"$KAFKA_TOPICS_STAMP"
  log "topics and ACLs ready: ${KAFKA_TOPICS[*]} ($((SECONDS - started))s)"
}

# kafka_as PRINCIPAL COMMAND...: runs COMMAND as a client of the local broker authenticated as PRINCIPAL.
kafka_as() {
  COMITY_KAFKA_BROKERS=$KAFKA_BOOTSTRAP COMITY_KAFKA_SASL_MECHANISM=scram-sha-512 COMITY_KAFKA_SASL_USERNAME=$1 \
    COMITY_KAFKA_SASL_PASSWORD=$(kafka_password "$1") COMITY_KAFKA_SSL=true COMITY_KAFKA_SSL_CA_FILE=$KAFKA_TLS/ca.crt \
    "${@:2}"
}

kafka_show_log() {
  local f
  for f in "$KAFKA_LOGS/kafka.out" "$KAFKA_LOGS/server.log"; do
    [[ -s $f ]] || continue
    log "last lines of $f:"
    tail -n 40 "$f" >&2
  done
}

# kafka_launch: starts the selected node in the background (it writes its own pid file). It answers
# only once a quorum of controllers is up, so the nodes of a cluster are all launched before any is awaited.
kafka_launch() {
  rm -f "$KAFKA_PIDFILE"
  local port
  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    port_open "$port" && die "port $port is already in use by another process (set COMITY_KAFKA_PORT / COMITY_KAFKA_CONTROLLER_PORT)"
  done
  mkdir -p "$KAFKA_DATA" "$KAFKA_LOGS"
  kafka_write_config
  kafka_format
  rm -f "$KAFKA_TOPICS_STAMP"

  log "starting Kafka node $KAFKA_NODE_ID on 127.0.0.1:$KAFKA_PORT (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT, logs in $KAFKA_LOGS)"
  # setsid + nohup: the broker outlives the calling shell and its terminal; the child writes its own pid.
  # shellcheck disable=SC2086,SC2016 # KAFKA_HEAP holds several JVM options; $$ and $1 expand in the child
  setsid nohup bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$KAFKA_PIDFILE" \
    java $KAFKA_HEAP -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
      -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
      -Dkafka.logs.dir="$KAFKA_LOGS" -Dlog4j2.configurationFile="$KAFKA_SRC/log4j2.properties" \
      -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_CONFIG" \
    >"$KAFKA_LOGS/kafka.out" 2>&1 </dev/null &
  wait_until 5 "the Kafka pid file" test -s "$KAFKA_PIDFILE" || die "Kafka node $KAFKA_NODE_ID did not start"
}

# kafka_await: waits until the selected node answers; stops it and fails when it does not.
kafka_await() {
  local rc=0
  kafka_wait_healthy || rc=$?
  if (( rc == 2 )); then
    kafka_show_log; rm -f "$KAFKA_PIDFILE"; die "Kafka node $KAFKA_NODE_ID exited during start-up; see $KAFKA_LOGS"
  elif (( rc == 1 )); then
    kafka_show_log; stop_pid "$KAFKA_PIDFILE" 10
    die "Kafka node $KAFKA_NODE_ID did not answer on 127.0.0.1:$KAFKA_PORT within ${KAFKA_START_TIMEOUT}s; stopped it"
  fi
}

# Starts every node that is not running (restarting one whose configuration changed), waits until
# each answers, then creates what is missing of the topics and ACLs.
svc_start() {
  ensure_kafka_secrets
  ensure_kafka_tls
  local id started=$SECONDS launched=()
  for ((id = 1; id <= KAFKA_NODE_COUNT; id++)); do
    kafka_node "$id"
    # Settings only: a template edit in its comments restarts nothing.
    if kafka_running && [[ $(kafka_render_config | grep -v '^#') != "$(grep -v '^#' "$KAFKA_CONFIG" 2>/dev/null)" ]]; then
      log "node $id's configuration changed (pid $(<"$KAFKA_PIDFILE")); restarting it"
      stop_pid "$KAFKA_PIDFILE" "$KAFKA_STOP_TIMEOUT"
    fi
    if kafka_running; then
      # Perhaps another start is still under way: kafka_await gives it the usual time.
      kafka_healthy || log "node $id (pid $(<"$KAFKA_PIDFILE")) is running but not answering yet; waiting"
    else
      kafka_launch
      launched+=("$id")
    fi
  done
  for ((id = 1; id <= KAFKA_NODE_COUNT; id++)); do
    kafka_node "$id"
    kafka_await
  done
  if (( ${#launched[@]} )); then
    log "running on $KAFKA_BOOTSTRAP; node(s) ${launched[*]} answered after $((SECONDS - started))s"
  else
    log "already running on $KAFKA_BOOTSTRAP"
  fi
  kafka_ensure_topics
}

svc_stop() {
  local id
  for ((id = 1; id <= KAFKA_NODE_COUNT; id++)); do
    kafka_node "$id"
    if ! kafka_running; then
      rm -f "$KAFKA_PIDFILE"
      log "node $id not running"
      continue
    fi
    log "stopping Kafka node $id (pid $(<"$KAFKA_PIDFILE"))"
    stop_pid "$KAFKA_PIDFILE" "$KAFKA_STOP_TIMEOUT"
    log "node $id stopped"
  done
}

svc_status() {
  local id rc=0 name=${COMITY_SERVICE:-kafka}
  for ((id = 1; id <= KAFKA_NODE_COUNT; id++)); do
    kafka_node "$id"
    local which=$name
    (( KAFKA_NODE_COUNT == 1 )) || which="$name node $id"
    if kafka_healthy; then
      echo "$which: running (pid $(<"$KAFKA_PIDFILE")) on 127.0.0.1:$KAFKA_PORT"
    elif kafka_running; then
      echo "$which: not answering (pid $(<"$KAFKA_PIDFILE")) on 127.0.0.1:$KAFKA_PORT"; rc=1
    else
      echo "$which: stopped"; rc=1
    fi
  done
  return $rc
}
