# shellcheck shell=bash
# PostgreSQL for Comity (sourced by infra/services.sh; defines svc_install/start/stop/status and
# pg_create_db/pg_url for scripts and tests).
#
#   COMITY_PG_PORT=55432       TCP port, bound to 127.0.0.1 only
#   COMITY_PG_USER=comity      application role (created/updated at every start)
#   COMITY_PG_PASSWORD=comity  its password (scram-sha-256)
#   COMITY_PG_DATABASE=comity  application database, owned by COMITY_PG_USER
#
# Runs its own cluster (Debian's postgresql package provides the binaries only; the system cluster
# on port 5432 is neither used nor touched): data in $COMITY_RUNTIME/postgres/data (initdb'd once),
# unix socket in $COMITY_RUNTIME/postgres/run, log in $COMITY_RUNTIME/postgres/log/postgres.log.
# The server refuses to run as root, so when run by root the cluster belongs to the `postgres`
# OS user and every server-side command goes through `runuser -u postgres --`.
# Extra databases: `infra/postgres/createdb.sh NAME` (or pg_create_db NAME after sourcing this).

# shellcheck source=SCRIPTDIR/../lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

COMITY_PG_PORT=${COMITY_PG_PORT:-55432}
COMITY_PG_USER=${COMITY_PG_USER:-comity}
COMITY_PG_PASSWORD=${COMITY_PG_PASSWORD:-comity}
COMITY_PG_DATABASE=${COMITY_PG_DATABASE:-comity}

PG_HOME=$COMITY_RUNTIME/postgres
PG_DATA=$PG_HOME/data
PG_RUN=$PG_HOME/run
PG_LOG=$PG_HOME/log/postgres.log
# OS user owning the cluster: `postgres` when we are root, else ourselves.
if (( EUID == 0 )); then PG_OS_USER=postgres; else PG_OS_USER=$(id -un); fi

# pg_bindir: the newest installed server's bin folder (/usr/lib/postgresql/<major>/bin).
pg_bindir() {
  local dir best=""
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x $dir/postgres ]] || continue
    if [[ -z $best ]] || [[ $(printf '%s\n%s\n' "$best" "$dir" | sort -V | tail -n1) == "$dir" ]]; then
      best=$dir
    fi
  done
  [[ -n $best ]] && printf '%s' "$best"
}

# pg_as CMD...: runs a server binary as the cluster's OS user (from /, which that user can read).
pg_as() {
  local bin=$1; shift
  local path; path="$(pg_bindir)/$bin"
  if (( EUID == 0 )); then
    (cd / && runuser -u "$PG_OS_USER" -- "$path" "$@")
  else
    (cd / && "$path" "$@")
  fi
}

# pg_psql ARGS...: psql as the superuser through the unix socket (peer authentication).
pg_psql() {
  pg_as psql -X -q -v ON_ERROR_STOP=1 -h "$PG_RUN" -p "$COMITY_PG_PORT" -U "$PG_OS_USER" "$@"
}

svc_install() {
  [[ -n $(pg_bindir) ]] && return 0
  (( EUID == 0 )) || die "PostgreSQL server binaries missing; install Debian's postgresql package (needs root)"
  export DEBIAN_FRONTEND=noninteractive
  local apt=(apt-get -o DPkg::Lock::Timeout=600 -y)
  if ! apt-cache policy postgresql 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    log "apt-get update"
    "${apt[@]}" update >&2
  fi
  log "apt-get install postgresql"
  "${apt[@]}" install --no-install-recommends postgresql >&2
  [[ -n $(pg_bindir) ]] || die "postgresql installed but no /usr/lib/postgresql/*/bin/postgres"
}

# pg_prepare_dirs: runtime folders owned by the cluster's OS user; checks that user can reach them.
pg_prepare_dirs() {
  mkdir -p "$PG_DATA" "$PG_RUN" "$(dirname "$PG_LOG")"
  if (( EUID == 0 )); then
    chmod o+x "$COMITY_RUNTIME" "$PG_HOME"
    chown "$PG_OS_USER:" "$PG_DATA" "$PG_RUN" "$(dirname "$PG_LOG")"
    if [[ -f $PG_LOG ]]; then chown "$PG_OS_USER:" "$PG_LOG"; fi
    runuser -u "$PG_OS_USER" -- test -w "$PG_DATA" ||
      die "user $PG_OS_USER cannot reach $PG_DATA (every parent folder needs o+x); set COMITY_RUNTIME elsewhere"
  fi
  chmod 700 "$PG_DATA"
  # unix socket paths are limited to 107 bytes
  (( ${#PG_RUN} + 20 < 107 )) || die "socket folder path too long: $PG_RUN (set COMITY_RUNTIME to a shorter path)"
}

pg_initdb() {
  log "initdb $PG_DATA"
  pg_as initdb -D "$PG_DATA" -U "$PG_OS_USER" --encoding=UTF8 --locale=C.UTF-8 --data-checksums \
    --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  printf "\n# Comity settings, rewritten at every start by infra/postgres/service.sh\ninclude_if_exists = 'comity.conf'\n" \
    >>"$PG_DATA/postgresql.conf"
}

# pg_write_config: settings that follow the environment, applied at every start.
pg_write_config() {
  local conf=$PG_DATA/comity.conf hba=$PG_DATA/pg_hba.conf
  cat >"$conf" <<EOF
listen_addresses = '127.0.0.1'
port = $COMITY_PG_PORT
unix_socket_directories = '$PG_RUN'
unix_socket_permissions = 0777
password_encryption = 'scram-sha-256'
# modest sizing for a 2-core development machine
max_connections = 100
shared_buffers = 256MB
effective_cache_size = 1GB
work_mem = 8MB
maintenance_work_mem = 128MB
max_worker_processes = 4
max_parallel_workers = 2
max_parallel_workers_per_gather = 1
max_parallel_maintenance_workers = 1
# logging to the file given to pg_ctl
logging_collector = off
log_line_prefix = '%m [%p] %q%u@%d '
log_min_duration_statement = 1000
EOF
  cat >"$hba" <<EOF
# Written by infra/postgres/service.sh at every start.
# TYPE  DATABASE  USER            ADDRESS        METHOD
local   all       $PG_OS_USER                    peer
local   all       all                            scram-sha-256
host    all       all             127.0.0.1/32   scram-sha-256
EOF
  if (( EUID == 0 )); then chown "$PG_OS_USER:" "$conf" "$hba"; fi
}

pg_running() { pg_as pg_ctl -D "$PG_DATA" status >/dev/null 2>&1; }
pg_ready() { pg_as pg_isready -q -h 127.0.0.1 -p "$COMITY_PG_PORT" -d postgres; }

pg_log_tail() {
  [[ -f $PG_LOG ]] || return 0
  log "last lines of $PG_LOG:"
  tail -n 40 "$PG_LOG" >&2
}

# pg_ensure_role: creates the application role, or resets its password to COMITY_PG_PASSWORD.
# CREATEDB lets the test suite give each run a database of its own.
pg_ensure_role() {
  pg_psql -d postgres -v user="$COMITY_PG_USER" -v pw="$COMITY_PG_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'pw')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'pw')
  WHERE EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
SQL
}

# pg_create_db NAME [OWNER]: creates database NAME owned by OWNER (default COMITY_PG_USER) unless
# it exists. The server must be running.
pg_create_db() {
  local name=${1:?database name} owner=${2:-$COMITY_PG_USER}
  [[ $name =~ ^[A-Za-z_][A-Za-z0-9_]{0,62}$ ]] || die "invalid database name '$name'"
  pg_db_exists "$name" && return 0
  log "creating database $name (owner $owner)"
  pg_psql -d postgres -v db="$name" -v owner="$owner" <<'SQL' || pg_db_exists "$name"
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
}

pg_db_exists() {
  [[ $(pg_psql -d postgres -tA -v db="$1" <<<"SELECT count(*) FROM pg_database WHERE datname = :'db'") == 1 ]]
}

# pg_url [DB]: connection URL for the application role.
pg_url() {
  printf 'postgresql://%s:%s@127.0.0.1:%s/%s' "$COMITY_PG_USER" "$COMITY_PG_PASSWORD" "$COMITY_PG_PORT" \
    "${1:-$COMITY_PG_DATABASE}"
}

svc_start() {
  [[ -n $(pg_bindir) ]] || die "PostgreSQL is not installed (run infra/services.sh install postgres)"
  if pg_running; then
    wait_until 60 "postgres to accept connections" pg_ready || { pg_log_tail; die "postgres runs but is not ready"; }
    pg_ensure_role
    pg_create_db "$COMITY_PG_DATABASE"
    log "already running on 127.0.0.1:$COMITY_PG_PORT"
    return 0
  fi
  port_open "$COMITY_PG_PORT" && die "port $COMITY_PG_PORT is taken by another process"

  pg_prepare_dirs
  [[ -f $PG_DATA/PG_VERSION ]] || pg_initdb
  pg_write_config
  if (( EUID == 0 )) && [[ ! -f $PG_LOG ]]; then install -o "$PG_OS_USER" -m 640 /dev/null "$PG_LOG"; fi

  log "starting on 127.0.0.1:$COMITY_PG_PORT (data $PG_DATA)"
  if ! pg_as pg_ctl -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -s start; then
    pg_log_tail
    die "postgres did not start"
  fi
  wait_until 60 "postgres to accept connections" pg_ready || { pg_log_tail; die "postgres is not ready"; }
  pg_ensure_role
  pg_create_db "$COMITY_PG_DATABASE"
  log "running on 127.0.0.1:$COMITY_PG_PORT (db $COMITY_PG_DATABASE, user $COMITY_PG_USER)"
}

svc_stop() {
  if [[ -z $(pg_bindir) ]] || [[ ! -f $PG_DATA/PG_VERSION ]] || ! pg_running; then
    log "not running"
    return 0
  fi
  log "stopping"
  pg_as pg_ctl -D "$PG_DATA" -w -t 60 -s stop -m fast
}

svc_status() {
  if [[ -n $(pg_bindir) ]] && [[ -f $PG_DATA/PG_VERSION ]] && pg_running && pg_ready; then
    echo "${COMITY_SERVICE:-postgres}: running on 127.0.0.1:$COMITY_PG_PORT (db $COMITY_PG_DATABASE)"
    return 0
  fi
  echo "${COMITY_SERVICE:-postgres}: stopped"
  return 1
}
