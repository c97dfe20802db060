#!/usr/bin/env bash
# Builds Temporal's Web UI server (github.com/temporalio/ui-server/v2, assets embedded) into
# $COMITY_TOOLS/temporal-ui/<version>/ui-server, once per version. Unlike the dev server's built-in
# UI it signs operators in through OIDC and passes their access token to Comity's codec endpoint
# (docs/security.md); test/e2e/sign-in.e2e.ts runs it against the local Keycloak. Go modules and the
# build cache live in $COMITY_TOOLS/go, shared with the other Go builds. Prints the binary's path.
set -euo pipefail
export COMITY_SERVICE=${COMITY_SERVICE:-temporal-ui}
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=SCRIPTDIR/versions.env
source "$(dirname "${BASH_SOURCE[0]}")/versions.env"

dir=$COMITY_TOOLS/temporal-ui/$TEMPORAL_UI_SERVER_VERSION
stamp="ui-server $TEMPORAL_UI_SERVER_VERSION go $TEMPORAL_UI_SERVER_GO"
if [[ -f $dir/.installed && $(<"$dir/.installed") == "$stamp" ]]; then
  printf '%s\n' "$dir/ui-server"
  exit 0
fi
command -v go >/dev/null || die "go not found (any Go >= 1.21 fetches the pinned toolchain: apt-get install golang-go)"
mkdir -p "$COMITY_TOOLS/temporal-ui" "$COMITY_TOOLS/go"
(
  # Two concurrent installs build once: the second waits, then finds the stamp.
  flock -w 1800 9 || die "could not lock $COMITY_TOOLS/temporal-ui"
  [[ -f $dir/.installed && $(<"$dir/.installed") == "$stamp" ]] && exit 0
  export GOTOOLCHAIN=$TEMPORAL_UI_SERVER_GO GOMODCACHE=$COMITY_TOOLS/go/mod GOCACHE=$COMITY_TOOLS/go/cache \
    GOPATH=$COMITY_TOOLS/go/path GOFLAGS=-mod=mod CGO_ENABLED=0
  work=$(mktemp -d "$COMITY_TOOLS/temporal-ui/.build.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  log "building github.com/temporalio/ui-server/v2@$TEMPORAL_UI_SERVER_VERSION with $GOTOOLCHAIN (minutes, once)"
  started=$SECONDS
  cd "$work"
  go mod init comity.local/temporal-ui-build >/dev/null 2>&1
  go get "github.com/temporalio/ui-server/v2@$TEMPORAL_UI_SERVER_VERSION" >&2
  mkdir -p out
  go build -trimpath -o out/ui-server github.com/temporalio/ui-server/v2/cmd/server >&2
  printf '%s\n' "$stamp" >out/.installed
  rm -rf "$dir"
  mv out "$dir"
  log "built in $((SECONDS - started))s: $dir/ui-server"
) 9>"$COMITY_TOOLS/temporal-ui/.lock"
printf '%s\n' "$dir/ui-server"
