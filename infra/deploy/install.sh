#!/usr/bin/env bash
# Installs the pinned manifest validators (infra/deploy/versions.env) into .tools/deploy-venv when
# they are missing or at another version, then prints the venv's bin folder on stdout (progress
# goes to stderr; stdout has only that line).
# Usage: BIN=$(infra/deploy/install.sh)
set -euo pipefail
export COMITY_SERVICE=deploy
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=SCRIPTDIR/versions.env
source "$(dirname "${BASH_SOURCE[0]}")/versions.env"

venv=$COMITY_TOOLS/deploy-venv
wanted=("kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" "check-jsonschema==$CHECK_JSONSCHEMA_VERSION")

# installed PACKAGE VERSION: true when that version's dist-info is in the venv.
installed() {
  local dir
  for dir in "$venv"/lib/python3*/site-packages/"${1//-/_}-$2.dist-info"; do
    [[ -f $dir/RECORD ]] && return 0
  done
  return 1
}

if ! installed kubernetes_validate "$KUBERNETES_VALIDATE_VERSION" || ! installed check_jsonschema "$CHECK_JSONSCHEMA_VERSION"; then
  [[ -x $venv/bin/pip ]] || { log "creating $venv"; python3 -m venv "$venv"; }
  log "installing ${wanted[*]} into $venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${wanted[@]}" >&2
fi
[[ -x $venv/bin/kubernetes-validate && -x $venv/bin/check-jsonschema ]] || die "validators missing after install"
printf '%s\n' "$venv/bin"
