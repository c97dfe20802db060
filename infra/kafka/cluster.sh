# shellcheck shell=bash
# Kafka of the cluster topology (`infra/services.sh start kafka-cluster`): three KRaft nodes, each
# broker and controller, from the same functions as the embedded broker (infra/kafka/service.sh):
# clients on 127.0.0.1:19092-19094 (COMITY_CLUSTER_KAFKA_PORTS), controllers on 19192-19194;
# replication 3 with min.insync.replicas 2 (a write is acknowledged once two copies have it, so one
# broker may be down), TLS, SASL/SCRAM and StandardAuthorizer ACLs with the same principals as the
# embedded broker, their passwords and CA in $COMITY_CLUSTER_RUNTIME/kafka/.
# Ready means: every node answers, the controllers have a quorum with every voter caught up, and the
# topics and ACLs exist.

# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=SCRIPTDIR/../lib/cluster.sh
source "$COMITY_ROOT/infra/lib/cluster.sh"
COMITY_RUNTIME=$COMITY_CLUSTER_RUNTIME
export COMITY_RUNTIME
# shellcheck disable=SC2034 # read by service.sh
KAFKA_CLUSTER_PORTS=("${CLUSTER_KAFKA_PORTS[@]}")
# shellcheck disable=SC2034
KAFKA_CLUSTER_CONTROLLER_PORTS=("${CLUSTER_KAFKA_CONTROLLER_PORTS[@]}")
COMITY_KAFKA_HEAP=${COMITY_CLUSTER_KAFKA_HEAP:--Xms128m -Xmx384m}
# A node that rejoins catches up with the others' metadata and partitions before it answers: on a
# busy machine that takes longer than one broker's first start.
COMITY_KAFKA_START_TIMEOUT=${COMITY_CLUSTER_KAFKA_START_TIMEOUT:-300}
# shellcheck source=SCRIPTDIR/service.sh
source "$COMITY_ROOT/infra/kafka/service.sh"

# kafka_admin_properties: the operator's client settings for Kafka's own command-line tools.
kafka_admin_properties() {
  local file=$KAFKA_HOME/admin.properties
  write_atomically "$file" <<PROPS
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="comity-admin" password="$(kafka_password comity-admin)";
ssl.truststore.type=PEM
ssl.truststore.location=$KAFKA_TLS/ca.crt
PROPS
  printf '%s' "$file"
}

# kafka_quorum_ready: kafka-metadata-quorum says there is a leader and every voter has caught up
# with it (lag 0).
kafka_quorum_ready() {
  local replication
  replication=$(kafka_tool org.apache.kafka.tools.MetadataQuorumCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
    --command-config "$(kafka_admin_properties)" describe --replication 2>/dev/null) || return 1
  # NodeId DirectoryId LogEndOffset Lag LastFetchTimestamp LastCaughtUpTimestamp Status
  [[ $(awk '$NF ~ /Leader|Follower/ && $4 == 0' <<<"$replication" | wc -l) -ge $KAFKA_NODE_COUNT ]] &&
    grep -q Leader <<<"$replication"
}

eval "kafka_start_nodes() $(declare -f svc_start | tail -n +2)"
svc_start() {
  mkdir -p "$COMITY_RUNTIME"
  kafka_start_nodes
  wait_until "$KAFKA_START_TIMEOUT" "the controllers' quorum (every voter caught up)" kafka_quorum_ready ||
    die "the KRaft quorum is not complete; see $KAFKA_HOME/node-*/log"
  log "quorum complete: $KAFKA_NODE_COUNT voters caught up"
}
