#!/usr/bin/env bash
# Builds the pinned Temporal server and its SQL schema tool from go.temporal.io/server into
# $COMITY_TOOLS/temporal-server/<version>/ (temporal-server, temporal-sql-tool, schema/), once per
# version (infra/lib/go-build.sh). Prints the folder. Usage: infra/temporal/cluster-build.sh
set -euo pipefail
export COMITY_SERVICE=${COMITY_SERVICE:-temporal-cluster}
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=SCRIPTDIR/../lib/go-build.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/go-build.sh"
# shellcheck source=SCRIPTDIR/versions.env
source "$(dirname "${BASH_SOURCE[0]}")/versions.env"

build() {
  go_build_module go.temporal.io/server "$TEMPORAL_SERVER_VERSION" cmd/server=temporal-server \
    cmd/tools/sql=temporal-sql-tool || return
  # The PostgreSQL schemas (persistence and visibility, with their versioned upgrades) ship in the module.
  local module
  module=$(GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' go.temporal.io/server) || return
  mkdir -p out/schema && cp -r "$module/schema/postgresql" out/schema/
}

dir=$COMITY_TOOLS/temporal-server/$TEMPORAL_SERVER_VERSION
go_build_once "$dir" "temporal-server $TEMPORAL_SERVER_VERSION go $TEMPORAL_SERVER_GO" "$TEMPORAL_SERVER_GO" build
printf '%s\n' "$dir"
