# shellcheck shell=bash
# The cluster topology's S3 gateway (`infra/services.sh start versitygw-cluster`): a second gateway
# from the same script as the embedded one (infra/versitygw/service.sh), with its data, credentials
# and log under $COMITY_CLUSTER_RUNTIME/versitygw and port 7170 (COMITY_CLUSTER_S3_PORT).

# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=SCRIPTDIR/../lib/cluster.sh
source "$COMITY_ROOT/infra/lib/cluster.sh"
COMITY_RUNTIME=$COMITY_CLUSTER_RUNTIME
COMITY_S3_PORT=$CLUSTER_S3_PORT
export COMITY_RUNTIME COMITY_S3_PORT
# shellcheck source=SCRIPTDIR/service.sh
source "$COMITY_ROOT/infra/versitygw/service.sh"
