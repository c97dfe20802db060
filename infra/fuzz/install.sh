#!/usr/bin/env bash
# Installs the pinned schemathesis (infra/fuzz/versions.env) into the project venv (.tools/venv)
# when it is missing or at another version, then prints the absolute path of its `st` executable
# on stdout (progress goes to stderr; stdout has only that line).
# Usage: ST=$(infra/fuzz/install.sh)
set -euo pipefail
export COMITY_SERVICE=fuzz
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=SCRIPTDIR/versions.env
source "$(dirname "${BASH_SOURCE[0]}")/versions.env"

# fuzz_dist_info: the pinned package's dist-info folder in the venv, if that version is installed.
fuzz_dist_info() {
  local dir
  for dir in "$COMITY_TOOLS"/venv/lib/python3*/site-packages/"${SCHEMATHESIS_PACKAGE//-/_}-$SCHEMATHESIS_VERSION.dist-info"; do
    [[ -f $dir/RECORD ]] && { printf '%s' "$dir"; return 0; }
  done
  return 1
}

# fuzz_st_path: absolute path of `st` as listed in the installed wheel's RECORD (a console script
# in the venv's bin/), so a stray `st` elsewhere on PATH is never picked up.
fuzz_st_path() {
  local dist rel
  dist=$(fuzz_dist_info) || return 1
  rel=$(grep -E '(^|/)bin/st,' "$dist/RECORD" | head -n1 | cut -d, -f1) || return 1
  [[ -n $rel ]] || return 1
  realpath -e "$(dirname "$dist")/$rel"
}

if ! fuzz_st_path >/dev/null 2>&1; then
  venv=$(python_venv)
  log "installing $SCHEMATHESIS_PACKAGE==$SCHEMATHESIS_VERSION into $venv"
  # Replaces any other installed version; pip resolves the dependencies from PyPI.
  "$venv/bin/pip" install --quiet --disable-pip-version-check "$SCHEMATHESIS_PACKAGE==$SCHEMATHESIS_VERSION" >&2
  fuzz_st_path >/dev/null || die "st not found after installing $SCHEMATHESIS_PACKAGE==$SCHEMATHESIS_VERSION"
fi
fuzz_st_path
