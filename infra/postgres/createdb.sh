#!/usr/bin/env bash
# Creates a database (e.g. comity_test) in Comity's PostgreSQL unless it exists, owned by
# COMITY_PG_USER, and prints its connection URL. The server must be running
# (infra/services.sh start postgres).
# Usage: infra/postgres/createdb.sh NAME
set -euo pipefail
export COMITY_SERVICE=postgres
# shellcheck source=SCRIPTDIR/service.sh
source "$(dirname "${BASH_SOURCE[0]}")/service.sh"
(( $# == 1 )) || { echo "usage: $0 NAME" >&2; exit 2; }
svc_status >/dev/null || die "postgres is not running (infra/services.sh start postgres)"
pg_create_db "$1"
pg_url "$1"; echo
