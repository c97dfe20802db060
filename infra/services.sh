#!/usr/bin/env bash
# Manage Comity's local services: Temporal dev server, Kafka (KRaft) broker, PostgreSQL, Keycloak,
# the Versity S3 gateway (documents, infra/versitygw), ClamAV's clamd (scans them, infra/clamav),
# and Jaeger (an OTLP receiver for traces, infra/jaeger; only when named).
#   infra/services.sh install|start|stop|restart|status [temporal] [kafka] [postgres] [keycloak]
#                                                       [versitygw] [clamav] [jaeger]
#   infra/services.sh ... postgres-cluster kafka-cluster temporal-cluster versitygw-cluster clamav-cluster
#                                                       (the cluster topology)
# With no service named, acts on temporal and kafka (the embedded default needs no PostgreSQL and
# signs in with local tokens, so no Keycloak); name "all" for temporal, kafka, postgres, keycloak,
# versitygw and clamav, "cluster" for the cluster topology's five and Keycloak, its identity
# provider. start installs what is missing, waits until healthy, and is harmless when the service
# already runs. Data and logs live under .runtime/<service>/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

action=${1:-}
shift || true
case $action in install|start|stop|restart|status) ;; *)
  echo "usage: infra/services.sh install|start|stop|restart|status [temporal|kafka|postgres|keycloak|versitygw|clamav|jaeger|all|cluster]..." >&2; exit 2;;
esac
services=("$@")
(( ${#services[@]} )) || services=(temporal kafka)
[[ ${services[*]} == all ]] && services=(temporal kafka postgres keycloak versitygw clamav)
[[ ${services[*]} == cluster ]] &&
  services=(postgres-cluster kafka-cluster temporal-cluster versitygw-cluster clamav-cluster keycloak)

rc=0
for svc in "${services[@]}"; do
  # <name>-cluster: the production-shaped topology's service (infra/<name>/cluster.sh, docs/operations.md).
  script=$COMITY_ROOT/infra/$svc/service.sh
  [[ $svc == *-cluster ]] && script=$COMITY_ROOT/infra/${svc%-cluster}/cluster.sh
  [[ -f $script ]] || die "unknown service '$svc' (known: temporal, kafka, postgres, keycloak, versitygw, clamav, jaeger, and temporal, kafka, postgres, versitygw, clamav with -cluster)"
  (
    export COMITY_SERVICE=$svc
    source "$script"
    case $action in
      install) svc_install ;;
      start) svc_install && svc_start ;;
      stop) svc_stop ;;
      restart) svc_stop && svc_install && svc_start ;;
      status) svc_status ;;
    esac
  ) || rc=$?
done
exit $rc
