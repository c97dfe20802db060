#!/usr/bin/env bash
# Builds Temporal's Web UI server (github.com/temporalio/ui-server/v2, assets embedded) into
# $COMITY_TOOLS/temporal-ui/<version>/ui-server, once per version (infra/lib/go-build.sh). Unlike
# the dev server's built-in UI it signs operators in through OIDC and passes their access token to
# Comity's codec endpoint (docs/security.md); test/e2e/sign-in.e2e.ts runs it against the local
# Keycloak. Prints the binary's path.
set -euo pipefail
export COMITY_SERVICE=${COMITY_SERVICE:-temporal-ui}
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=SCRIPTDIR/../lib/go-build.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/go-build.sh"
# shellcheck source=SCRIPTDIR/versions.env
source "$(dirname "${BASH_SOURCE[0]}")/versions.env"

build() { go_build_module github.com/temporalio/ui-server/v2 "$TEMPORAL_UI_SERVER_VERSION" cmd/server=ui-server; }

dir=$COMITY_TOOLS/temporal-ui/$TEMPORAL_UI_SERVER_VERSION
go_build_once "$dir" "ui-server $TEMPORAL_UI_SERVER_VERSION go $TEMPORAL_UI_SERVER_GO" "$TEMPORAL_UI_SERVER_GO" build
printf '%s\n' "$dir/ui-server"
