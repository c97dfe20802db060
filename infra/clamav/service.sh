# shellcheck shell=bash
# ClamAV's scanner daemon (clamd) for Comity: scans uploaded documents, streamed to it over TCP
# (the INSTREAM command). Sourced by infra/services.sh (defines svc_install/start/stop/status).
#
#   COMITY_CLAMD_PORT=3310   clamd's TCP port, bound to 127.0.0.1 only
#
# Runs its own clamd (Debian's clamav-daemon package provides the binary, installed when missing;
# the system's clamav-daemon service, on its unix socket, is neither used nor touched): its
# configuration is written to $COMITY_RUNTIME/clamav/clamd.conf at every start, its log and pid file
# live in $COMITY_RUNTIME/clamav, its temporary files (a streamed document is spooled there while it
# is scanned) in $COMITY_RUNTIME/clamav/tmp. When run by root it runs as the `clamav` OS user, so that
# a parser bug met in a hostile upload does not run as root.
#
# Signatures: $COMITY_RUNTIME/clamav/db. Where freshclam has filled /var/lib/clamav (main.cvd,
# daily.cld, ...: production machines, whose freshclam reaches database.clamav.net), db is a link to
# it, so clamd sees every update (SelfCheck). Otherwise (as here: the signature mirrors are not
# reachable) db holds a single test signature, Comity.Test.EICAR (the EICAR test file's MD5 and size,
# the way ClamAV's own Eicar signature is written), and clamd detects nothing else: status and the
# start-up log say so.
#
# Limits: a stream of up to 4000 MiB is accepted (StreamMaxLength; past it clamd answers
# "INSTREAM size limit exceeded. ERROR" and closes) and scanned whole (MaxScanSize), but one file
# only up to ClamAV's internal maximum: MaxFileSize 4000M is clamped by clamd 1.4 to 2147483645
# bytes (2 GiB - 3; its start-up log says so), the man page's "technical design limitations".
# AlertExceedsMax makes whatever a limit cuts short (size, recursion, scan time) a finding,
# `stream: Heuristics.Limits.Exceeded.<limit> FOUND` (a 2.5 GB stream gives MaxFileSize), never a
# silent OK.

# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

CLAMD_PORT=${COMITY_CLAMD_PORT:-3310}
CLAMAV_HOME=$COMITY_RUNTIME/clamav
CLAMAV_CONF=$CLAMAV_HOME/clamd.conf
CLAMAV_DB=$CLAMAV_HOME/db
CLAMAV_TMP=$CLAMAV_HOME/tmp
CLAMAV_LOG=$CLAMAV_HOME/log/clamd.log
CLAMAV_OUT=$CLAMAV_HOME/log/clamd.out
CLAMAV_PIDFILE=$CLAMAV_HOME/clamd.pid
# Where Debian's freshclam keeps the official databases.
CLAMAV_OFFICIAL_DB=${COMITY_CLAMAV_OFFICIAL_DB:-/var/lib/clamav}
CLAMAV_TEST_SIGNATURE=Comity.Test.EICAR
# The EICAR test file (68 bytes): MD5 and size, an .hdb line's fields.
CLAMAV_EICAR_MD5=44d88612fea8a8f36de82e1278abb02f
CLAMAV_EICAR_SIZE=68
# OS user clamd runs as: `clamav` when we are root (and it exists), else ourselves.
if (( EUID == 0 )) && id clamav >/dev/null 2>&1; then CLAMAV_OS_USER=clamav; else CLAMAV_OS_USER=$(id -un); fi

clamd_bin() {
  local bin
  for bin in /usr/sbin/clamd "$(command -v clamd 2>/dev/null)"; do
    [[ -n $bin && -x $bin ]] && { printf '%s' "$bin"; return 0; }
  done
  return 1
}

svc_install() {
  clamd_bin >/dev/null && return 0
  (( EUID == 0 )) || die "clamd missing; install Debian's clamav-daemon package (needs root)"
  export DEBIAN_FRONTEND=noninteractive
  local apt=(apt-get -o DPkg::Lock::Timeout=600 -y)
  if ! apt-cache policy clamav-daemon 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    log "apt-get update"
    "${apt[@]}" update >&2
  fi
  log "apt-get install clamav-daemon"
  "${apt[@]}" install --no-install-recommends clamav-daemon >&2
  clamd_bin >/dev/null || die "clamav-daemon installed but no clamd"
  if (( EUID == 0 )) && id clamav >/dev/null 2>&1; then CLAMAV_OS_USER=clamav; fi
}

# clamav_as: the command prefix that runs a command as clamd's OS user, in place (setpriv execs it,
# so a pid stays the daemon's); empty when that user is ourselves.
clamav_as() {
  [[ $CLAMAV_OS_USER == "$(id -un)" ]] && return 0
  printf '%s\n' setpriv --reuid="$CLAMAV_OS_USER" --regid="$CLAMAV_OS_USER" --init-groups --
}

# clamav_official_present: whether freshclam's databases (main or daily) are there.
clamav_official_present() {
  local f
  for f in "$CLAMAV_OFFICIAL_DB"/{main,daily}.{cvd,cld}; do [[ -s $f ]] && return 0; done
  return 1
}

# clamav_signatures: "official" or "test", from what db is.
clamav_signatures() { if [[ -L $CLAMAV_DB ]]; then echo official; else echo test; fi; }

# clamav_prepare_db: db links to the official databases when present, else holds the test signature.
clamav_prepare_db() {
  if clamav_official_present; then
    if [[ -d $CLAMAV_DB && ! -L $CLAMAV_DB ]]; then rm -rf "$CLAMAV_DB"; fi
    ln -sfn "$CLAMAV_OFFICIAL_DB" "$CLAMAV_DB"
    local names=("$CLAMAV_OFFICIAL_DB"/*.c[luv]d)
    log "signatures: the official databases in $CLAMAV_OFFICIAL_DB (${names[*]##*/})"
  else
    if [[ -L $CLAMAV_DB ]]; then rm -f "$CLAMAV_DB"; fi
    mkdir -p "$CLAMAV_DB"
    chmod 755 "$CLAMAV_DB"
    printf '%s:%s:%s\n' "$CLAMAV_EICAR_MD5" "$CLAMAV_EICAR_SIZE" "$CLAMAV_TEST_SIGNATURE" >"$CLAMAV_DB/comity-test.hdb"
    chmod 644 "$CLAMAV_DB/comity-test.hdb"
    log "WARNING: no official ClamAV database in $CLAMAV_OFFICIAL_DB (freshclam fills it; database.clamav.net is" \
      "not reachable from here): ONLY the test signature $CLAMAV_TEST_SIGNATURE (the EICAR test file) is loaded," \
      "clamd detects nothing else"
  fi
}

# clamav_prepare_dirs: runtime folders owned by clamd's OS user; checks that user can reach them.
clamav_prepare_dirs() {
  mkdir -p "$CLAMAV_HOME" "$CLAMAV_TMP" "$(dirname "$CLAMAV_LOG")"
  chmod 700 "$CLAMAV_TMP"
  chmod 755 "$CLAMAV_HOME"
  local as; mapfile -t as < <(clamav_as)
  if (( ${#as[@]} )); then
    # The cluster topology's runtime folder is inside the embedded one's: both need o+x.
    chmod o+x "$COMITY_RUNTIME"
    if [[ $COMITY_RUNTIME == "$COMITY_ROOT/.runtime/"* ]]; then chmod o+x "$COMITY_ROOT/.runtime"; fi
    chown "$CLAMAV_OS_USER:" "$CLAMAV_TMP" "$(dirname "$CLAMAV_LOG")"
    if [[ -f $CLAMAV_LOG ]]; then chown "$CLAMAV_OS_USER:" "$CLAMAV_LOG"; fi
    "${as[@]}" test -w "$CLAMAV_TMP" ||
      die "user $CLAMAV_OS_USER cannot reach $CLAMAV_TMP (every parent folder needs o+x); set COMITY_RUNTIME elsewhere"
  fi
}

# clamav_write_config: clamd.conf, rewritten at every start.
clamav_write_config() {
  cat >"$CLAMAV_CONF" <<EOF
# Written by infra/clamav/service.sh at every start; edits are lost.
Foreground yes
TCPSocket $CLAMD_PORT
TCPAddr 127.0.0.1
DatabaseDirectory $CLAMAV_DB
TemporaryDirectory $CLAMAV_TMP
LogFile $CLAMAV_LOG
LogTime yes
LogFileMaxSize 10M
LogRotate yes
# A stream (INSTREAM) of up to 4000 MiB, scanned whole; MaxFileSize is clamped by clamd to its
# maximum, 2147483645 bytes. Whatever a limit cuts short is reported, not passed as clean.
StreamMaxLength 4000M
MaxScanSize 4000M
MaxFileSize 4000M
AlertExceedsMax yes
MaxScanTime 600000
ReadTimeout 300
# Reload the signatures when they change (freshclam's updates), checked every 10 minutes.
SelfCheck 600
EOF
  chmod 644 "$CLAMAV_CONF"
}

# clamd_ping: clamd answers PING with PONG on its TCP port.
clamd_ping() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$CLAMD_PORT" || exit 1
    printf 'nPING\n' >&3
    IFS= read -r -t 5 reply <&3 || exit 1
    [[ $reply == PONG ]]
  ) 2>/dev/null
}

# clamd_pid: prints the pid when the pid file names our clamd (its command line names our config).
clamd_pid() {
  pid_alive "$CLAMAV_PIDFILE" || return 1
  local pid; pid=$(cat "$CLAMAV_PIDFILE")
  # Its config by its real path: a runtime folder may reach this one through a symlink.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$(realpath -m "$CLAMAV_CONF")" || return 1
  printf '%s' "$pid"
}

clamav_log_tail() {
  local file
  for file in "$CLAMAV_OUT" "$CLAMAV_LOG"; do
    [[ -s $file ]] || continue
    log "last lines of $file:"
    tail -n 20 "$file" >&2
  done
}

svc_start() {
  local pid bin
  bin=$(clamd_bin) || die "clamd is not installed (run infra/services.sh install clamav)"
  if pid=$(clamd_pid); then
    wait_until 300 "clamd (pid $pid) to answer PING" clamd_ping || { clamav_log_tail; die "clamd (pid $pid) runs but does not answer"; }
    log "already running (pid $pid, signatures: $(clamav_signatures))"
    return 0
  fi
  port_open "$CLAMD_PORT" && die "port $CLAMD_PORT is taken by another process"

  clamav_prepare_dirs
  clamav_prepare_db
  clamav_write_config
  if [[ -f $CLAMAV_OUT ]]; then mv -f "$CLAMAV_OUT" "$CLAMAV_OUT.1"; fi

  log "starting on 127.0.0.1:$CLAMD_PORT (as $CLAMAV_OS_USER, config $CLAMAV_CONF)"
  # A pid file left by an instance that was killed would pass for this one's until it writes its own.
  rm -f "$CLAMAV_PIDFILE"
  local started=$SECONDS
  local as; mapfile -t as < <(clamav_as)
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$0"; exec nohup "$@"' "$CLAMAV_PIDFILE" "${as[@]}" "$bin" -c "$(realpath -m "$CLAMAV_CONF")" \
    >>"$CLAMAV_OUT" 2>&1 </dev/null &
  local deadline=$((SECONDS + 5))
  until [[ -s $CLAMAV_PIDFILE ]] || (( SECONDS > deadline )); do sleep 0.1; done
  # Loading the official databases takes from seconds to a few minutes; the test signature, a moment.
  deadline=$((SECONDS + ${COMITY_CLAMD_START_TIMEOUT:-300}))
  until clamd_ping; do
    if ! clamd_pid >/dev/null; then clamav_log_tail; rm -f "$CLAMAV_PIDFILE"; die "clamd exited during start-up"; fi
    if (( SECONDS >= deadline )); then clamav_log_tail; stop_pid "$CLAMAV_PIDFILE" 15; die "clamd did not answer within $((SECONDS - started))s"; fi
    sleep 0.2
  done
  log "running (pid $(cat "$CLAMAV_PIDFILE"), up in $((SECONDS - started))s) on 127.0.0.1:$CLAMD_PORT, signatures: $(clamav_signatures)"
}

svc_stop() {
  local pid
  if pid=$(clamd_pid); then
    log "stopping (pid $pid)"
    stop_pid "$CLAMAV_PIDFILE" 30
  else
    rm -f "$CLAMAV_PIDFILE"
    log "not running"
  fi
}

svc_status() {
  local pid note=""
  [[ $(clamav_signatures) == test ]] && note=", TEST SIGNATURE ONLY ($CLAMAV_TEST_SIGNATURE)"
  if pid=$(clamd_pid) && clamd_ping; then
    echo "${COMITY_SERVICE:-clamav}: running (pid $pid), clamd 127.0.0.1:$CLAMD_PORT$note"
    return 0
  elif [[ -n ${pid:-} ]]; then
    echo "${COMITY_SERVICE:-clamav}: running (pid $pid) but not answering"
  else
    echo "${COMITY_SERVICE:-clamav}: stopped"
  fi
  return 1
}
