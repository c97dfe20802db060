#!/usr/bin/env bash
# Validates the deployment manifests offline: the compose file against the Compose Specification's
# JSON schema, and every Kubernetes manifest (strictly: unknown fields are errors) against the
# schemas of Kubernetes $KUBERNETES_TARGET_VERSION. Run by npm test; exits non-zero on any error.
set -euo pipefail
export COMITY_SERVICE=deploy
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=SCRIPTDIR/versions.env
source "$(dirname "${BASH_SOURCE[0]}")/versions.env"

bin=$(bash "$COMITY_ROOT/infra/deploy/install.sh")
deploy=$COMITY_ROOT/infra/deploy
"$bin/check-jsonschema" --builtin-schema vendor.compose-spec "$deploy/compose.yaml"
"$bin/kubernetes-validate" --strict --quiet --kubernetes-version "$KUBERNETES_TARGET_VERSION" "$deploy"/kubernetes/*.yaml
log "manifests valid: compose.yaml, $(find "$deploy/kubernetes" -name '*.yaml' | wc -l) Kubernetes files"
