# shellcheck shell=bash
# The cluster topology's clamd (`infra/services.sh start clamav-cluster`): a second clamd from the
# same script as the embedded one (infra/clamav/service.sh), with its configuration, signatures and
# log under $COMITY_CLUSTER_RUNTIME/clamav and port 3410 (COMITY_CLUSTER_CLAMD_PORT).

# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=SCRIPTDIR/../lib/cluster.sh
source "$COMITY_ROOT/infra/lib/cluster.sh"
COMITY_RUNTIME=$COMITY_CLUSTER_RUNTIME
COMITY_CLAMD_PORT=$CLUSTER_CLAMD_PORT
export COMITY_RUNTIME COMITY_CLAMD_PORT
# shellcheck source=SCRIPTDIR/service.sh
source "$COMITY_ROOT/infra/clamav/service.sh"
