#!/usr/bin/env bash
# The cluster topology's settings for a command of your own (the CLI, a test, psql):
#   bash infra/scripts/cluster-env.sh                      prints them as KEY=VALUE lines
#   bash infra/scripts/cluster-env.sh npm run -s cli -- login      (device flow at Keycloak)
# runs the command with them (and, through with-env.sh, the cluster's own secrets). See infra/lib/cluster.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
source "$COMITY_ROOT/infra/lib/cluster.sh"
if (( $# == 0 )); then
  cluster_app_env
  exit 0
fi
while IFS= read -r line; do export "${line?}"; done < <(cluster_app_env)
exec "$@"
