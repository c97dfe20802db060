#!/usr/bin/env bash
# The production-shaped topology (`npm start -- --topology cluster`), in one place: its runtime
# folder, ports and what the apps are told to reach it. Source it after common.sh; the cluster's
# service scripts (infra/temporal/cluster.sh, infra/kafka/cluster.sh, infra/postgres/cluster.sh),
# start-system.sh and infra/scripts/cluster-env.sh do. Every port has a variable with the default shown.
#
# Its state lives apart from the embedded services', under $COMITY_CLUSTER_RUNTIME (.runtime/cluster),
# which the cluster's scripts and apps use as their COMITY_RUNTIME: its own secrets, Kafka passwords
# and CAs, data and logs. Removing that folder (with the cluster stopped) starts it anew.

COMITY_CLUSTER_RUNTIME=${COMITY_CLUSTER_RUNTIME:-$COMITY_RUNTIME/cluster}
export COMITY_CLUSTER_RUNTIME

# Sign-in: the identity provider is not part of an installation, so the cluster uses the one local
# Keycloak (infra/keycloak: realm comity, port 8280), whichever topology started it; its state stays
# under the embedded runtime folder. Every caller of the APIs signs in there (COMITY_AUTH_MODE=oidc):
# locally minted tokens are refused.
COMITY_KEYCLOAK_HOME=${COMITY_KEYCLOAK_HOME:-$COMITY_RUNTIME/keycloak}
CLUSTER_AUTH_ISSUER=http://127.0.0.1:${COMITY_KEYCLOAK_PORT:-8280}/realms/comity
# The agency simulator onboards its agencies as an administrator: by the client credentials of its
# service account, whose (test-only) secret the development realm holds.
cluster_simulator_secret() {
  node -e 'const r = require(process.argv[1]);
    process.stdout.write(r.clients.find((c) => c.clientId === "comity-agency-simulator").secret)' \
    "$COMITY_ROOT/infra/keycloak/comity-realm.json"
}

# Temporal server: frontend (gRPC, and HTTP), history, matching and the internal worker service,
# each a process with a membership (ringpop) port and a Prometheus port of its own.
CLUSTER_TEMPORAL_PORT=${COMITY_CLUSTER_TEMPORAL_PORT:-7333}
CLUSTER_TEMPORAL_HTTP_PORT=${COMITY_CLUSTER_TEMPORAL_HTTP_PORT:-7343}
declare -A CLUSTER_TEMPORAL_GRPC=([frontend]=$CLUSTER_TEMPORAL_PORT [history]=${COMITY_CLUSTER_HISTORY_PORT:-7334}
  [matching]=${COMITY_CLUSTER_MATCHING_PORT:-7335} [worker]=${COMITY_CLUSTER_TEMPORAL_WORKER_PORT:-7336})
declare -A CLUSTER_TEMPORAL_MEMBERSHIP=([frontend]=6933 [history]=6934 [matching]=6935 [worker]=6936)
# Not 9091-9094: the embedded Kafka broker and controller listen on 9092 and 9093.
declare -A CLUSTER_TEMPORAL_METRICS=([frontend]=9191 [history]=9192 [matching]=9193 [worker]=9194)
CLUSTER_TEMPORAL_SERVICES=(history matching frontend worker)

# Kafka: three KRaft nodes, each broker and controller.
read -r -a CLUSTER_KAFKA_PORTS <<<"${COMITY_CLUSTER_KAFKA_PORTS:-19092 19093 19094}"
read -r -a CLUSTER_KAFKA_CONTROLLER_PORTS <<<"${COMITY_CLUSTER_KAFKA_CONTROLLER_PORTS:-19192 19193 19194}"

# PostgreSQL of its own (a second data folder), so that restarting it harms nothing else:
# Temporal's persistence and visibility databases and the read model.
CLUSTER_PG_PORT=${COMITY_CLUSTER_PG_PORT:-55532}
CLUSTER_PG_TEMPORAL_USER=temporal
CLUSTER_PG_TEMPORAL_DBS=(temporal temporal_visibility)
CLUSTER_PG_READ_MODEL_DB=comity_cluster

# Documents: an S3 gateway and a clamd of its own (infra/versitygw/cluster.sh, infra/clamav/cluster.sh),
# beside the embedded ones (7070, 3310). The apps reach them through with-env.sh, which makes
# COMITY_S3_ENDPOINT from COMITY_S3_PORT and reads the gateway's credentials from the runtime folder.
CLUSTER_S3_PORT=${COMITY_CLUSTER_S3_PORT:-7170}
CLUSTER_CLAMD_PORT=${COMITY_CLUSTER_CLAMD_PORT:-3410}

# Two of each Comity service. The APIs on their own ports; the dashboard forwards to the first
# (a load balancer would spread them in production); worker, projector, bridge and simulator answer
# GET /health on ports of their own.
read -r -a CLUSTER_API_PORTS <<<"${COMITY_CLUSTER_API_PORTS:-3100 3101}"
CLUSTER_DASHBOARD_PORT=${COMITY_CLUSTER_DASHBOARD_PORT:-3110}
declare -A CLUSTER_HEALTH_PORTS=([worker]="3121 3122" [projector]="3131 3132" [bridge]="3141 3142"
  [agency-simulator]="3151")

# cluster_secret NAME: prints a random secret kept in $COMITY_CLUSTER_RUNTIME/secrets/NAME, made once
# under a lock (concurrent callers read the same one).
cluster_secret() {
  local dir=$COMITY_CLUSTER_RUNTIME/secrets
  (umask 077 && mkdir -p "$dir")
  (
    flock -w 30 9 || die "could not lock $dir"
    [[ -s $dir/$1 ]] || head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | write_atomically "$dir/$1"
  ) 9>"$dir/.lock-$1"
  cat "$dir/$1"
}

# cluster_app_env: KEY=VALUE lines that point a Comity app (or a test, or the CLI) at the cluster:
# Temporal over mutual TLS, the three brokers over TLS, the read model on the cluster's PostgreSQL,
# the first API (the one the dashboard, the simulator and the CLI use), sign-in through Keycloak,
# the ports of its S3 gateway and clamd.
cluster_app_env() {
  local rt=$COMITY_CLUSTER_RUNTIME brokers
  brokers=$(printf '127.0.0.1:%s,' "${CLUSTER_KAFKA_PORTS[@]}")
  cat <<ENV
COMITY_CLUSTER_RUNTIME=$rt
COMITY_RUNTIME=$rt
COMITY_TEMPORAL_ADDRESS=127.0.0.1:$CLUSTER_TEMPORAL_PORT
COMITY_TEMPORAL_TLS_CA_FILE=$rt/temporal/tls/ca.crt
COMITY_TEMPORAL_TLS_CERT_FILE=$rt/temporal/tls/client.crt
COMITY_TEMPORAL_TLS_KEY_FILE=$rt/temporal/tls/client.key
COMITY_TEMPORAL_TLS_SERVER_NAME=localhost
COMITY_KAFKA_BROKERS=${brokers%,}
COMITY_KAFKA_SSL=true
COMITY_KAFKA_SSL_CA_FILE=$rt/kafka/tls/ca.crt
COMITY_DB_TYPE=postgres
COMITY_PG_PORT=$CLUSTER_PG_PORT
COMITY_PG_DATABASE=$CLUSTER_PG_READ_MODEL_DB
COMITY_S3_PORT=$CLUSTER_S3_PORT
COMITY_CLAMD_PORT=$CLUSTER_CLAMD_PORT
COMITY_API_PORT=${CLUSTER_API_PORTS[0]}
COMITY_DASHBOARD_PORT=$CLUSTER_DASHBOARD_PORT
COMITY_AUTH_MODE=oidc
COMITY_AUTH_ISSUER=$CLUSTER_AUTH_ISSUER
COMITY_KEYCLOAK_HOME=$COMITY_KEYCLOAK_HOME
COMITY_SIMULATOR_OIDC_CLIENT_SECRET=$(cluster_simulator_secret)
ENV
}
