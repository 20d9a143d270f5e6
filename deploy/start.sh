#!/bin/sh
# Container entry point: runs the deployable named by $APP (set at image build) as PID 1's child
# of `init` (compose `init: true`), in the foreground with `exec`, so SIGTERM reaches Node:
# Next's server and the api both close their listeners and connections on it (≤ 10 s).
set -eu
case "${APP:-}" in
  shell | verify | user | notice)
    upper=$(echo "$APP" | tr a-z A-Z)
    port=$(eval echo "\${MFV_${upper}_PORT:-}")
    cd "/app/apps/$APP"
    # Next's standalone server reads PORT and HOSTNAME (Docker sets HOSTNAME to the container id).
    PORT="${port:?MFV_${upper}_PORT is required}" HOSTNAME=0.0.0.0 exec node server.js
    ;;
  api | sandbox)
    cd "/app/apps/$APP"
    exec node dist/server.js
    ;;
  *)
    echo "start.sh: unknown APP '${APP:-}' (shell, verify, user, notice, api or sandbox)" >&2
    exit 2
    ;;
esac
