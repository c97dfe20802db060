#!/usr/bin/env bash
# Runs a command with the local development environment: when COMITY_AUTH_SECRET is not set, the
# local signing key kept in .runtime/secrets/ (created once, random, never committed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
if [[ -z ${COMITY_AUTH_SECRET:-} ]]; then
  secret_file="$COMITY_RUNTIME/secrets/auth-secret"
  if [[ ! -s $secret_file ]]; then
    mkdir -p "$(dirname "$secret_file")"
    (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n' >"$secret_file")
  fi
  COMITY_AUTH_SECRET=$(cat "$secret_file")
  export COMITY_AUTH_SECRET
fi
exec "$@"
