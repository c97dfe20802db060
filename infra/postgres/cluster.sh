# shellcheck shell=bash
# PostgreSQL of the cluster topology (`infra/services.sh start postgres-cluster`): a second server
# from the same script as the embedded one (infra/postgres/service.sh), with a data folder of its own
# under $COMITY_CLUSTER_RUNTIME/postgres and port 55532 (COMITY_CLUSTER_PG_PORT), so the fault suite
# can restart it without touching anyone else's database. Besides the read model (database
# comity_cluster, role comity) it holds Temporal's persistence and visibility databases (temporal,
# temporal_visibility), owned by the role temporal, whose password is made once in
# $COMITY_CLUSTER_RUNTIME/secrets/temporal-db-password. infra/temporal/cluster.sh loads their schema.

# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=SCRIPTDIR/../lib/cluster.sh
source "$COMITY_ROOT/infra/lib/cluster.sh"
COMITY_RUNTIME=$COMITY_CLUSTER_RUNTIME
COMITY_PG_PORT=$CLUSTER_PG_PORT
COMITY_PG_DATABASE=$CLUSTER_PG_READ_MODEL_DB
export COMITY_RUNTIME COMITY_PG_PORT COMITY_PG_DATABASE
# shellcheck source=SCRIPTDIR/service.sh
source "$COMITY_ROOT/infra/postgres/service.sh"

# The embedded server's start, then Temporal's role and (empty) databases.
eval "pg_start_server() $(declare -f svc_start | tail -n +2)"
svc_start() {
  mkdir -p "$COMITY_RUNTIME"
  pg_start_server
  local password db
  password=$(cluster_secret temporal-db-password)
  COMITY_PG_USER=$CLUSTER_PG_TEMPORAL_USER COMITY_PG_PASSWORD=$password pg_ensure_role
  for db in "${CLUSTER_PG_TEMPORAL_DBS[@]}"; do pg_create_db "$db" "$CLUSTER_PG_TEMPORAL_USER"; done
}
