# shellcheck shell=bash
# The Versity S3 gateway for Comity: an S3-compatible object store (documents) over a plain folder,
# its posix backend. Sourced by infra/services.sh (defines svc_install/start/stop/status, and
# s3_request for scripts).
#
#   COMITY_S3_PORT=7070                 S3 API on 127.0.0.1 (path-style: http://127.0.0.1:7070/<bucket>/<key>)
#   COMITY_S3_BUCKET=comity-documents   the bucket made (through the S3 API) at every start, when missing
#   COMITY_S3_REGION=us-east-1          the region requests are signed for (SigV4)
#
# The binary is built once per version from the Go module proxy (versions.env) into
# $COMITY_TOOLS/versitygw/<version> (infra/lib/go-build.sh). Objects are plain files under
# $COMITY_RUNTIME/versitygw/data/<bucket>/<key>, their S3 metadata (ETag, content type, ACLs) in user
# extended attributes; where the folder's filesystem has none (some tmpfs and overlay mounts), in a
# sidecar folder, $COMITY_RUNTIME/versitygw/meta (--sidecar). Pid file and log in
# $COMITY_RUNTIME/versitygw. The root user's access key id and secret are made once, at random, in
# $COMITY_RUNTIME/versitygw/secrets/ (access-key-id, secret-access-key: ensure_s3_credentials in
# infra/lib/common.sh), and reach the gateway through its environment, not its command line;
# infra/scripts/with-env.sh gives them to the apps as COMITY_S3_ACCESS_KEY_ID and
# COMITY_S3_SECRET_ACCESS_KEY. The gateway has no other user (no IAM service configured).

# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# shellcheck source=SCRIPTDIR/../lib/go-build.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/go-build.sh"
# shellcheck source=SCRIPTDIR/versions.env
source "$(dirname "${BASH_SOURCE[0]}")/versions.env"

VGW_PORT=${COMITY_S3_PORT:-7070}
VGW_BUCKET=${COMITY_S3_BUCKET:-comity-documents}
VGW_REGION=${COMITY_S3_REGION:-us-east-1}

VGW_BIN_DIR=$COMITY_TOOLS/versitygw/$VERSITYGW_VERSION
VGW_BIN=$VGW_BIN_DIR/versitygw
VGW_HOME=$COMITY_RUNTIME/versitygw
VGW_DATA=$VGW_HOME/data
VGW_SIDECAR=$VGW_HOME/meta
VGW_PIDFILE=$VGW_HOME/versitygw.pid
VGW_LOG=$VGW_HOME/log/versitygw.log

# versitygw's module has no replace directives, so `go install module/package@version` builds it
# exactly as its own go.mod pins it; the version is stamped in (`versitygw --version`).
versitygw_build() {
  GOBIN=$PWD/out GOFLAGS=-buildvcs=false go install -trimpath \
    -ldflags="-s -w -X main.Version=$VERSITYGW_VERSION" "$VERSITYGW_MODULE/$VERSITYGW_PACKAGE@$VERSITYGW_VERSION"
}

svc_install() {
  go_build_once "$VGW_BIN_DIR" "$VERSITYGW_MODULE@$VERSITYGW_VERSION/$VERSITYGW_PACKAGE $VERSITYGW_GOTOOLCHAIN" \
    "$VERSITYGW_GOTOOLCHAIN" versitygw_build
}

# s3_request METHOD PATH [CURL ARGS...]: a SigV4-signed request to the local gateway as its root
# user; prints the response body, then a line with the HTTP status. Needs curl >= 7.75 (--aws-sigv4).
s3_request() {
  local method=(-X "$1") path=$2; shift 2
  [[ ${method[1]} == HEAD ]] && method=(-I)
  # The credentials go to curl through a config file on its standard input, not its command line.
  printf 'user = "%s:%s"\n' "$(s3_credential access-key-id)" "$(s3_credential secret-access-key)" |
    curl -sS --max-time 30 -K - --aws-sigv4 "aws:amz:$VGW_REGION:s3" -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' \
      "${method[@]}" -w '\n%{http_code}' "$@" "http://127.0.0.1:$VGW_PORT$path"
}

# versitygw_pid: prints the pid when the pid file names a live versitygw.
versitygw_pid() {
  pid_alive "$VGW_PIDFILE" || return 1
  local pid; pid=$(cat "$VGW_PIDFILE")
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$VGW_BIN" || return 1
  printf '%s' "$pid"
}

# versitygw_healthy: a signed ListBuckets answers 200 (the gateway serves, and knows our credentials).
versitygw_healthy() {
  local out
  out=$(s3_request GET / 2>/dev/null) || return 1
  [[ ${out##*$'\n'} == 200 ]]
}

versitygw_log_tail() {
  [[ -f $VGW_LOG ]] || return 0
  log "last lines of $VGW_LOG:"
  tail -n 40 "$VGW_LOG" >&2
}

# versitygw_ensure_bucket: makes $VGW_BUCKET through the S3 API unless it exists.
versitygw_ensure_bucket() {
  [[ $VGW_BUCKET =~ ^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$ ]] || die "invalid bucket name '$VGW_BUCKET' (COMITY_S3_BUCKET)"
  local out status
  out=$(s3_request HEAD "/$VGW_BUCKET") || die "HEAD /$VGW_BUCKET failed"
  [[ ${out##*$'\n'} == 200 ]] && return 0
  log "creating bucket $VGW_BUCKET"
  out=$(s3_request PUT "/$VGW_BUCKET") || die "PUT /$VGW_BUCKET failed"
  status=${out##*$'\n'}
  # 409 BucketAlreadyOwnedByYou: made meanwhile by a concurrent start; anything else is an error.
  [[ $status == 200 || ($status == 409 && $out == *BucketAlreadyOwnedByYou*) ]] ||
    die "could not create bucket $VGW_BUCKET (HTTP $status): ${out%$'\n'*}"
}

# versitygw_xattrs_work: whether the data folder's filesystem keeps user extended attributes.
versitygw_xattrs_work() {
  local probe rc=0
  probe=$(mktemp "$VGW_DATA/.xattr-probe.XXXXXX")
  python3 -c 'import os, sys; os.setxattr(sys.argv[1], "user.comity.probe", b"1")' "$probe" 2>/dev/null || rc=1
  rm -f "$probe"
  return $rc
}

svc_start() {
  local pid
  [[ -x $VGW_BIN ]] || die "versitygw is not installed (run infra/services.sh install versitygw)"
  ensure_s3_credentials
  if pid=$(versitygw_pid); then
    wait_until 30 "versitygw (pid $pid) to become healthy" versitygw_healthy ||
      { versitygw_log_tail; die "versitygw (pid $pid) runs but does not answer (credentials in $COMITY_RUNTIME/$S3_SECRETS_DIR_NAME changed? restart it)"; }
    versitygw_ensure_bucket
    log "already running (pid $pid)"
    return 0
  fi
  port_open "$VGW_PORT" && die "port $VGW_PORT is taken by another process"
  mkdir -p "$VGW_DATA" "$(dirname "$VGW_LOG")"
  chmod 700 "$VGW_HOME"
  local backend=(posix)
  # Once in the sidecar folder, metadata stays there (switching would leave it behind).
  if [[ ! -d $VGW_SIDECAR ]] && versitygw_xattrs_work; then
    log "metadata in user extended attributes"
  else
    mkdir -p "$VGW_SIDECAR"
    backend+=(--sidecar "$VGW_SIDECAR")
    log "metadata in the sidecar folder $VGW_SIDECAR (no user extended attributes on $VGW_DATA's filesystem)"
  fi
  backend+=("$VGW_DATA")
  if [[ -f $VGW_LOG ]]; then mv -f "$VGW_LOG" "$VGW_LOG.1"; fi

  log "starting on 127.0.0.1:$VGW_PORT (data $VGW_DATA)"
  # A pid file left by an instance that was killed would pass for this one's until it writes its own.
  rm -f "$VGW_PIDFILE"
  local started=$SECONDS
  # shellcheck disable=SC2016
  ROOT_ACCESS_KEY_ID=$(s3_credential access-key-id) ROOT_SECRET_ACCESS_KEY=$(s3_credential secret-access-key) \
    setsid bash -c 'echo $$ >"$0"; exec nohup "$@"' "$VGW_PIDFILE" "$VGW_BIN" --port "127.0.0.1:$VGW_PORT" \
    --region "$VGW_REGION" --quiet "${backend[@]}" >>"$VGW_LOG" 2>&1 </dev/null &
  local deadline=$((SECONDS + 5))
  until [[ -s $VGW_PIDFILE ]] || (( SECONDS > deadline )); do sleep 0.1; done
  deadline=$((SECONDS + 30))
  until versitygw_healthy; do
    if ! versitygw_pid >/dev/null; then versitygw_log_tail; rm -f "$VGW_PIDFILE"; die "versitygw exited during start-up"; fi
    if (( SECONDS >= deadline )); then versitygw_log_tail; stop_pid "$VGW_PIDFILE" 10; die "versitygw did not answer within 30 s"; fi
    sleep 0.2
  done
  versitygw_ensure_bucket
  log "running (pid $(cat "$VGW_PIDFILE"), up in $((SECONDS - started))s): http://127.0.0.1:$VGW_PORT, bucket $VGW_BUCKET"
}

svc_stop() {
  local pid
  if pid=$(versitygw_pid); then
    log "stopping (pid $pid)"
    stop_pid "$VGW_PIDFILE" 15
  else
    rm -f "$VGW_PIDFILE"
    log "not running"
  fi
}

svc_status() {
  local pid
  if pid=$(versitygw_pid) && versitygw_healthy; then
    echo "${COMITY_SERVICE:-versitygw}: running (pid $pid), S3 http://127.0.0.1:$VGW_PORT, bucket $VGW_BUCKET"
    return 0
  elif [[ -n ${pid:-} ]]; then
    echo "${COMITY_SERVICE:-versitygw}: running (pid $pid) but not answering"
  else
    echo "${COMITY_SERVICE:-versitygw}: stopped"
  fi
  return 1
}
