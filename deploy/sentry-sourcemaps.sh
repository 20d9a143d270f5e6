#!/bin/sh
# Uploads one built app's source maps to Sentry — only when configured. Run by the Dockerfile
# after deploy/build-app.sh; a build without configuration uploads nothing and changes nothing.
#
# Configured means all three:
#   SENTRY_ORG, SENTRY_PROJECT   build args (docker build --build-arg …); SENTRY_URL for a
#                                self-hosted Sentry (default sentry.io)
#   sentry_auth_token            a BuildKit secret: docker build --secret id=sentry_auth_token,env=SENTRY_AUTH_TOKEN
# Setting only some of them is an error, not a silent skip. Optional: SENTRY_RELEASE (build arg)
# names the release; without it events match the maps by the debug ids `sourcemaps inject` adds.
#
# With a configuration: debug ids are injected into the built JavaScript (the image ships those
# files), the maps are uploaded, and the browser maps are deleted from the served static folder.
set -eu
usage='usage: deploy/sentry-sourcemaps.sh <app> <out-dir>'
app=${1:?$usage}
out=${2:?$usage}
token_file=${SENTRY_AUTH_TOKEN_FILE:-/run/secrets/sentry_auth_token}

if [ -z "${SENTRY_ORG:-}" ] && [ -z "${SENTRY_PROJECT:-}" ]; then
  echo "sentry-sourcemaps: not configured (SENTRY_ORG, SENTRY_PROJECT unset); nothing uploaded"
  exit 0
fi
if [ -z "${SENTRY_ORG:-}" ] || [ -z "${SENTRY_PROJECT:-}" ]; then
  echo "sentry-sourcemaps: set both SENTRY_ORG and SENTRY_PROJECT (or neither)" >&2
  exit 1
fi
if [ ! -s "$token_file" ]; then
  echo "sentry-sourcemaps: SENTRY_ORG/SENTRY_PROJECT are set but the sentry_auth_token secret is missing" >&2
  echo "  docker build --secret id=sentry_auth_token,env=SENTRY_AUTH_TOKEN …" >&2
  exit 1
fi

# sentry-cli comes with @sentry/nextjs (through @sentry/webpack-plugin); SENTRY_CLI overrides it.
cli=${SENTRY_CLI:-}
if [ -z "$cli" ]; then
  for candidate in node_modules/.pnpm/@sentry+cli@*/node_modules/@sentry/cli/bin/sentry-cli; do
    [ -f "$candidate" ] && cli="node $candidate"
  done
fi
if [ -z "$cli" ]; then
  echo "sentry-sourcemaps: sentry-cli not found under node_modules/.pnpm (set SENTRY_CLI)" >&2
  exit 1
fi

case "$app" in
  shell | verify | user | notice)
    static="$out/apps/$app/.next/static"
    dirs="$static $out/apps/$app/.next/server"
    ;;
  api | sandbox)
    static=""
    dirs="$out/apps/$app/dist"
    ;;
  *) echo "sentry-sourcemaps: unknown app '$app'" >&2; exit 2 ;;
esac

SENTRY_AUTH_TOKEN=$(cat "$token_file")
export SENTRY_AUTH_TOKEN SENTRY_ORG SENTRY_PROJECT
if [ -n "${SENTRY_URL:-}" ]; then export SENTRY_URL; fi
# shellcheck disable=SC2086 # $cli may be "node <path>"; $dirs is a list of paths without spaces
$cli sourcemaps inject $dirs
# shellcheck disable=SC2086
$cli sourcemaps upload ${SENTRY_RELEASE:+--release "$SENTRY_RELEASE"} $dirs
if [ -n "$static" ]; then
  # Uploaded: the browser never gets them (they would disclose the source).
  find "$static" -name '*.map' -type f -delete
fi
echo "sentry-sourcemaps: $app source maps uploaded to $SENTRY_ORG/$SENTRY_PROJECT"
