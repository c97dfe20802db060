#!/usr/bin/env bash
# Runs a command with the local development environment: secrets that are not set come from
# .runtime/secrets/ (created once, random, never committed): the token signing key and the
# payload encryption key.
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
if [[ -z ${COMITY_CODEC_KEYS:-} ]]; then
  key_file="$COMITY_RUNTIME/secrets/codec-key"
  if [[ ! -s $key_file ]]; then
    mkdir -p "$(dirname "$key_file")"
    (umask 077 && printf 'local-1:%s' "$(head -c 32 /dev/urandom | base64 | tr -d '\n')" >"$key_file")
  fi
  COMITY_CODEC_KEYS=$(cat "$key_file")
  COMITY_CODEC_ACTIVE_KEY=${COMITY_CODEC_KEYS%%:*}
  export COMITY_CODEC_KEYS COMITY_CODEC_ACTIVE_KEY
fi
exec "$@"
