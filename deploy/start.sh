#!/bin/sh
# Container entry point: runs the deployable named by $APP on its configured port.
set -eu
case "$APP" in
  shell|verify|user|notice)
    upper=$(echo "$APP" | tr a-z A-Z)
    port=$(eval echo "\${MFV_${upper}_PORT:-}")
    cd "/repo/apps/$APP"
    exec node_modules/.bin/next start -H 0.0.0.0 -p "${port:?MFV_${upper}_PORT is required}"
    ;;
  api) exec node /repo/apps/api/dist/server.js ;;
  sandbox) exec node /repo/apps/sandbox/dist/server.js ;;
  *) echo "start.sh: unknown APP '$APP'" >&2; exit 2 ;;
esac
