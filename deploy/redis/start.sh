#!/bin/sh
# Compose's Redis (docker-compose.yml, service `redis`): `requirepass` from the platform-secrets
# volume (the `secrets` service writes redis_password there, mode 0600, owned by the apps' uid),
# handed to redis-server as a config on stdin, so the password is in no argv, no environment and
# nothing `docker inspect` shows. Starts as root to read the file, then runs redis-server as the
# image's `redis` user: su-exec on the official Alpine image, setpriv on Debian's (local/redis).
#
#   sh start.sh [redis-server options…]
set -eu
file=${REDIS_PASSWORD_FILE:-/run/platform-secrets/redis_password}
if [ ! -s "$file" ]; then
  echo "redis: REDIS_PASSWORD_FILE ($file) is missing or empty; the compose \`secrets\` service writes it" >&2
  exit 1
fi
password=$(cat "$file")
# Like the official image's entrypoint: the data folder belongs to redis.
find /data \! -user redis -exec chown redis '{}' + 2>/dev/null || true
if command -v su-exec >/dev/null 2>&1; then
  set -- su-exec redis redis-server - "$@"
else
  set -- setpriv --reuid=redis --regid=redis --init-groups redis-server - "$@"
fi
exec "$@" <<CONF
requirepass $password
CONF
