#!/usr/bin/env bash
# Builds the pinned Temporal server and its SQL schema tool from go.temporal.io/server into
# $COMITY_TOOLS/temporal-server/<version>/ (temporal-server, temporal-sql-tool, schema/), once per
# version: a stamp file names what was built. Go modules and build cache live in $COMITY_TOOLS/go,
# shared by every build. Go comes through the module proxy (GOTOOLCHAIN), any go >= 1.21 starts it.
# Prints the folder. Usage: infra/temporal/cluster-build.sh
set -euo pipefail
export COMITY_SERVICE=${COMITY_SERVICE:-temporal-cluster}
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=SCRIPTDIR/versions.env
source "$(dirname "${BASH_SOURCE[0]}")/versions.env"

dir=$COMITY_TOOLS/temporal-server/$TEMPORAL_SERVER_VERSION
stamp="temporal-server $TEMPORAL_SERVER_VERSION go $TEMPORAL_SERVER_GO"
if [[ -f $dir/.installed && $(<"$dir/.installed") == "$stamp" ]]; then
  printf '%s\n' "$dir"
  exit 0
fi
command -v go >/dev/null || die "go not found (any Go >= 1.21 fetches the pinned toolchain: apt-get install golang-go)"
mkdir -p "$COMITY_TOOLS/temporal-server" "$COMITY_TOOLS/go"
(
  # Two concurrent installs build once: the second waits, then finds the stamp.
  flock -w 1800 9 || die "could not lock $COMITY_TOOLS/temporal-server"
  [[ -f $dir/.installed && $(<"$dir/.installed") == "$stamp" ]] && exit 0
  export GOTOOLCHAIN=$TEMPORAL_SERVER_GO GOMODCACHE=$COMITY_TOOLS/go/mod GOCACHE=$COMITY_TOOLS/go/cache \
    GOPATH=$COMITY_TOOLS/go/path GOFLAGS=-mod=mod CGO_ENABLED=0
  work=$(mktemp -d "$COMITY_TOOLS/temporal-server/.build.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  log "building go.temporal.io/server@$TEMPORAL_SERVER_VERSION with $GOTOOLCHAIN (several minutes, once)"
  started=$SECONDS
  cd "$work"
  go mod init comity.local/temporal-build >/dev/null 2>&1
  go get "go.temporal.io/server@$TEMPORAL_SERVER_VERSION" >&2
  mkdir -p out
  go build -trimpath -o out/temporal-server go.temporal.io/server/cmd/server >&2
  go build -trimpath -o out/temporal-sql-tool go.temporal.io/server/cmd/tools/sql >&2
  # The PostgreSQL schemas (persistence and visibility, with their versioned upgrades) ship in the module.
  mod=$(go list -m -f '{{.Dir}}' go.temporal.io/server)
  mkdir -p out/schema
  cp -r "$mod/schema/postgresql" out/schema/
  chmod -R u+w out
  printf '%s\n' "$stamp" >out/.installed
  rm -rf "$dir"
  mv out "$dir"
  log "built in $((SECONDS - started))s: $dir"
) 9>"$COMITY_TOOLS/temporal-server/.lock"
printf '%s\n' "$dir"
