#!/usr/bin/env bash
# Runs a command with the local development environment: secrets that are not set come from
# .runtime/secrets/ (created once under a lock, random, never committed; see ensure_local_secrets):
# the token signing key, the payload encryption key and the action-signing key; and the local S3
# gateway's credentials, from .runtime/versitygw/secrets/ (see ensure_s3_credentials).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
if [[ -z ${COMITY_AUTH_SECRET:-} || -z ${COMITY_CODEC_KEYS:-} || -z ${COMITY_ACTION_KEYS:-} ]]; then
  ensure_local_secrets
fi
if [[ -z ${COMITY_AUTH_SECRET:-} ]]; then
  COMITY_AUTH_SECRET=$(<"$COMITY_RUNTIME/secrets/auth-secret")
  export COMITY_AUTH_SECRET
fi
if [[ -z ${COMITY_CODEC_KEYS:-} ]]; then
  COMITY_CODEC_KEYS=$(<"$COMITY_RUNTIME/secrets/codec-key")
  COMITY_CODEC_ACTIVE_KEY=${COMITY_CODEC_KEYS%%:*}
  export COMITY_CODEC_KEYS COMITY_CODEC_ACTIVE_KEY
fi
if [[ -z ${COMITY_ACTION_KEYS:-} ]]; then
  COMITY_ACTION_KEYS=$(<"$COMITY_RUNTIME/secrets/action-key")
  export COMITY_ACTION_KEYS
fi
# Documents: the local S3 gateway (infra/versitygw; path-style addressing, region us-east-1) and
# clamd (infra/clamav), unless pointed elsewhere. The gateway's root credentials are used unless
# both COMITY_S3_ACCESS_KEY_ID and COMITY_S3_SECRET_ACCESS_KEY are set.
: "${COMITY_S3_ENDPOINT:=http://127.0.0.1:${COMITY_S3_PORT:-7070}}"
: "${COMITY_S3_BUCKET:=comity-documents}"
: "${COMITY_S3_REGION:=us-east-1}"
if [[ -z ${COMITY_S3_ACCESS_KEY_ID:-} || -z ${COMITY_S3_SECRET_ACCESS_KEY:-} ]]; then
  ensure_s3_credentials
  COMITY_S3_ACCESS_KEY_ID=$(s3_credential access-key-id)
  COMITY_S3_SECRET_ACCESS_KEY=$(s3_credential secret-access-key)
fi
: "${COMITY_CLAMD_HOST:=127.0.0.1}"
: "${COMITY_CLAMD_PORT:=3310}"
export COMITY_S3_ENDPOINT COMITY_S3_BUCKET COMITY_S3_REGION COMITY_S3_ACCESS_KEY_ID COMITY_S3_SECRET_ACCESS_KEY \
  COMITY_CLAMD_HOST COMITY_CLAMD_PORT
# The local broker speaks TLS with a certificate of the installation's own CA: trust it, unless the
# command is pointed at other brokers (COMITY_KAFKA_BROKERS) or sets its own TLS.
if [[ -z ${COMITY_KAFKA_BROKERS:-} && -z ${COMITY_KAFKA_SSL:-} ]]; then
  COMITY_KAFKA_SSL=true
  COMITY_KAFKA_SSL_CA_FILE=$COMITY_RUNTIME/kafka/tls/ca.crt
  export COMITY_KAFKA_SSL COMITY_KAFKA_SSL_CA_FILE
fi
# COMITY_KAFKA_PRINCIPAL names the broker principal the command acts as (start-system.sh sets it per
# app): its password comes from .runtime/kafka/secrets/ unless COMITY_KAFKA_SASL_PASSWORD is set.
if [[ -n ${COMITY_KAFKA_PRINCIPAL:-} && -z ${COMITY_KAFKA_SASL_PASSWORD:-} ]]; then
  ensure_kafka_secrets
  COMITY_KAFKA_SASL_MECHANISM=scram-sha-512
  COMITY_KAFKA_SASL_USERNAME=$COMITY_KAFKA_PRINCIPAL
  COMITY_KAFKA_SASL_PASSWORD=$(kafka_password "$COMITY_KAFKA_PRINCIPAL")
  export COMITY_KAFKA_SASL_MECHANISM COMITY_KAFKA_SASL_USERNAME COMITY_KAFKA_SASL_PASSWORD
fi
# COMITY_KAFKA_REGISTRAR_USERNAME (the API's agency registry): its password likewise.
if [[ -n ${COMITY_KAFKA_REGISTRAR_USERNAME:-} && -z ${COMITY_KAFKA_REGISTRAR_PASSWORD:-} ]]; then
  ensure_kafka_secrets
  COMITY_KAFKA_REGISTRAR_PASSWORD=$(kafka_password "$COMITY_KAFKA_REGISTRAR_USERNAME")
  export COMITY_KAFKA_REGISTRAR_PASSWORD
fi
exec "$@"
