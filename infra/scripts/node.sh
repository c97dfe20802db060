#!/usr/bin/env bash
# Runs node (the project's Node.js: see .node-version and infra/lib/common.sh) with its arguments.
# package.json's scripts go through it, so `npm run X` never runs on an older node from the caller's PATH.
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
exec node "$@"
