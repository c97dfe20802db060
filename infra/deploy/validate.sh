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

# What the schemas cannot say. Temporal is the real server on PostgreSQL, never the dev server, at
# one version for the server and its admin tools.
manifests=("$deploy/compose.yaml" "$deploy"/kubernetes/*.yaml)
! grep -n 'start-dev' "${manifests[@]}" || die "a manifest runs Temporal's dev server"
while read -r image; do
  [[ ${image##*:} == "$TEMPORAL_SERVER_VERSION" ]] || die "$image: expected version $TEMPORAL_SERVER_VERSION (versions.env)"
done < <(grep -ohE 'temporalio/(server|admin-tools):[^ }"]+' "${manifests[@]}")
grep -q 'temporalio/server:' "$deploy/compose.yaml" && grep -q 'temporalio/server:' "$deploy/kubernetes/temporal.yaml" \
  || die "compose.yaml and kubernetes/temporal.yaml must run temporalio/server"
# Every app command is a main the release build compiles (build-release.mjs's entry points).
while read -r main; do
  grep -q "'${main%.js}'" "$deploy/build-release.mjs" || die "$main: not an entry point of build-release.mjs"
done < <(grep -ohE 'dist/[a-z-]+/[a-z]+\.js' "${manifests[@]}" | sed 's#^dist/##' | sort -u)
log "manifests valid: compose.yaml, $(find "$deploy/kubernetes" -name '*.yaml' | wc -l) Kubernetes files"
