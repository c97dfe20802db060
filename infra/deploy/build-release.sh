#!/usr/bin/env bash
# Builds what the image runs into a clean folder: every app compiled to JavaScript
# (dist/<app>/main.js; the projector's rebuild as dist/projector/rebuild.js), the workflows bundled
# for the worker (dist/worker/workflow-bundle.js), the dashboard's page (dist/dashboard/web/), and
# package.json with package-lock.json for `npm ci --omit=dev` beside them. infra/deploy/Dockerfile's
# build stage runs exactly this; test/e2e/release-build.e2e.ts runs it into a temporary folder and
# starts every app from the output with production dependencies only.
# Needs the development dependencies installed (npm ci): esbuild, swc and Temporal's bundler.
#   bash infra/deploy/build-release.sh <folder>      (the folder is emptied first)
set -euo pipefail
export COMITY_SERVICE=release
# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
(( $# == 1 )) || die "usage: build-release.sh <folder>"
out=$(realpath -m "$1")
[[ $out != / && $out != "$COMITY_ROOT" ]] || die "refusing to empty $out"
cd "$COMITY_ROOT"

rm -rf "$out"
mkdir -p "$out/dist"
node infra/deploy/build-release.mjs "$out/dist"
node -r @swc-node/register workflows/bundle/bundle-workflows.ts "$out/dist/worker/workflow-bundle.js"
node -r @swc-node/register apps/dashboard/src/server/write-page.ts "$out/dist/dashboard/web"
cp package.json package-lock.json "$out/"
log "release build in $out"
