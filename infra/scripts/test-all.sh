#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what is missing (PostgreSQL, Keycloak, Jaeger,
# the Versity S3 gateway, ClamAV, Temporal's UI server, schemathesis and chromium for the browser
# tests included), starts Temporal, Kafka, PostgreSQL, Keycloak (the identity provider of
# test/e2e/sign-in.e2e.ts and of the cluster topology), Jaeger (the tracing test's OTLP receiver),
# the S3 gateway and clamd (documents' store and scanner), runs the static checks (types, lint,
# format, workflow bundle, deployment manifests, the image) while the cluster topology's services
# build, then Jest in two phases, each with the machine to itself:
#   1. unit, workflow and end-to-end tests (against the real services, an API fuzz run and the fault
#      suite) on the embedded services;
#   2. with those stopped (Keycloak stays), the cluster topology's services started and its smoke
#      test and fault suite run (postgres-cluster, kafka-cluster, temporal-cluster).
# It ends with
#   tests: N passed, M failed[, K skipped]
# computed from both phases' Jest JSON reports. Exits non-zero when anything failed.
#   npm test                      everything
#   npm test -- <jest args>       e.g. npm test -- test/e2e/walking-skeleton.e2e.ts (a phase none of
#                                 whose tests match is skipped, services and all)
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# Not -e: a failing check or test must still reach the summary line at the end.
set +e -uo pipefail
COMITY_SERVICE=test
cd "$COMITY_ROOT"
started=$(date +%s)

bash infra/scripts/install.sh temporal kafka postgres jaeger keycloak versitygw clamav chromium || die "installation failed"
use_project_node
# Lag made visible: every dependency with a newer release (npm outdated exits 1 when it lists any).
log "dependencies with newer releases (npm outdated):"
npm outdated >&2 || true
bash infra/fuzz/install.sh >/dev/null || die "installing schemathesis failed"
bash infra/temporal-ui/install.sh >/dev/null || die "building Temporal's UI server failed"
# Keycloak takes the better part of a minute (more on a busy machine): it starts in the background
# while the other services start and the static checks run, and is waited for before Jest.
mkdir -p "$COMITY_RUNTIME/keycloak"
bash infra/services.sh start keycloak >"$COMITY_RUNTIME/keycloak/start.log" 2>&1 &
keycloak_start=$!
bash infra/services.sh start temporal kafka postgres jaeger versitygw clamav || die "services did not start"
# The cluster topology (test/cluster): the Temporal server's build (minutes, once per version) goes
# on in the background while the static checks run; its services start only for phase 2.
cluster_log=$COMITY_RUNTIME/cluster-services.log
mkdir -p "$COMITY_RUNTIME"
bash infra/scripts/install.sh postgres-cluster kafka-cluster temporal-cluster >"$cluster_log" 2>&1 &
cluster_pid=$!

export NX_DAEMON=false
failed_checks=()
check() {
  local name=$1; shift
  log "check: $name"
  "$@" || failed_checks+=("$name")
}
check typecheck npx tsc -p tsconfig.json --noEmit
check typecheck-dashboard-page npx tsc -p apps/dashboard/src/web/tsconfig.json
check project-graph npx nx show projects
check lint npx eslint --max-warnings 0 .
check format npx prettier --check --log-level warn .
check workflow-bundle node -r @swc-node/register workflows/bundle/bundle-workflows.ts dist/workflows/workflow-bundle.js
check deploy-manifests bash infra/deploy/validate.sh
# The image itself, from scratch (no registry here); buildah is a Debian package, not the scripts'.
if command -v buildah >/dev/null; then check image bash infra/deploy/build-image.sh; else log "image not built: no buildah (apt-get install buildah)"; fi

if ! wait "$keycloak_start"; then
  cat "$COMITY_RUNTIME/keycloak/start.log" >&2
  failed_checks+=(keycloak)
fi
cluster_started=$SECONDS
wait "$cluster_pid" || { tail -n 40 "$cluster_log" >&2; failed_checks+=(cluster-build); }
log "cluster services built (waited $((SECONDS - cluster_started))s more; log: $cluster_log)"

reports=test/reports
mkdir -p "$reports"
rm -f "$reports"/jest*.json
jest_rc=0
# matches <jest args>: whether any test file does (jest prints their paths, and a line of its own).
matches() { npm run -s jest -- --listTests "$@" 2>/dev/null | grep -q '^/'; }
# run_jest <report> <jest args>: one file at a time, each in a fresh worker process (see
# workerIdleMemoryLimit in jest.config.js). The projects come after the caller's arguments, since
# --selectProjects takes every word after it.
run_jest() {
  local report=$1; shift
  npm run -s jest -- --ci --maxWorkers=1 --json --outputFile="$report" "$@" || jest_rc=1
}
if matches "$@" --selectProjects unit workflow e2e; then
  log "jest phase 1: unit, workflow and end-to-end tests on the embedded services"
  # The machine to this phase: a cluster left running (an earlier run, npm start -- --topology cluster) stops.
  bash infra/services.sh stop postgres-cluster kafka-cluster temporal-cluster versitygw-cluster clamav-cluster >/dev/null 2>&1 || true
  run_jest "$reports/jest.json" "$@" --selectProjects unit workflow e2e
fi
if matches "$@" --selectProjects cluster; then
  log "jest phase 2: the cluster topology (the embedded services stop; Keycloak stays)"
  bash infra/services.sh stop temporal kafka postgres jaeger versitygw clamav >/dev/null
  bash infra/services.sh start postgres-cluster kafka-cluster temporal-cluster >>"$cluster_log" 2>&1 ||
    { tail -n 40 "$cluster_log" >&2; failed_checks+=(cluster-services); }
  run_jest "$reports/jest-cluster.json" "$@" --selectProjects cluster
fi

log "done in $(( $(date +%s) - started ))s"
(( ${#failed_checks[@]} == 0 )) || log "failed checks: ${failed_checks[*]}"
shopt -s nullglob
written=("$reports"/jest*.json)
if (( ${#written[@]} == 0 )); then
  echo "tests: 0 passed, 0 failed"
  log "jest wrote no report (exit $jest_rc)"
  exit 1
fi
node -e '
  const files = process.argv.slice(1).map((f) => require(f));
  const sum = (key) => files.reduce((n, r) => n + r[key], 0);
  // The attacks of test/adversarial on the real stack: how many were tried, how many held.
  const attacks = files
    .flatMap((r) => r.testResults)
    .filter((f) => f.name.includes("/test/adversarial/"))
    .flatMap((f) => f.assertionResults);
  if (attacks.length) {
    const held = attacks.filter((t) => t.status === "passed").length;
    console.log(`adversarial: tried ${attacks.length}, held ${held}`);
  }
  // What failed, named here at the end: CI keeps only the tail of the output.
  const relative = (name) => name.slice(process.cwd().length + 1);
  // Enough of the message to hold an assertion diff (a received array of problems, say): the first
  // lines up to the stack trace.
  const firstLines = (text) => {
    const lines = String(text ?? "").replace(/\x1b\[[0-9;]*m/g, "").split("\n").filter((l) => l.trim());
    const stack = lines.findIndex((l) => /^\s*at /.test(l));
    return lines.slice(0, Math.min(stack < 0 ? lines.length : stack, 16)).map((l) => l.trim()).join(" / ");
  };
  for (const file of files.flatMap((r) => r.testResults)) {
    const failedTests = file.assertionResults.filter((t) => t.status === "failed");
    for (const t of failedTests) console.log(`failed: ${relative(file.name)} :: ${t.fullName} :: ${firstLines(t.failureMessages[0]).slice(0, 2000)}`);
    if (file.status === "failed" && failedTests.length === 0) console.log(`failed: ${relative(file.name)} :: ${firstLines(file.message).slice(0, 2000)}`);
  }
  const skipped = sum("numPendingTests") + sum("numTodoTests");
  const failed = sum("numFailedTests") + sum("numRuntimeErrorTestSuites");
  console.log(`tests: ${sum("numPassedTests")} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "${written[@]/#/$PWD/}"
(( jest_rc == 0 && ${#failed_checks[@]} == 0 ))
