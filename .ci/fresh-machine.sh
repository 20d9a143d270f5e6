#!/bin/sh
# The honest fresh machine: a container with only Node.js 20, npm and corepack (local/node:20 from
# deploy/base-images/build.sh, or the official node image), a fresh clone of this checkout, and the
# README's start command. No pnpm, no Redis, no Chromium, nothing installed before.
#
#   sh .ci/fresh-machine.sh [--corepack-shims] [--command "npm start"]
#
# --corepack-shims first runs `corepack enable pnpm`, leaving the /usr/local/bin/pnpm shim that
# cannot download pnpm on machines like these (the trap a new user fell into). The script waits
# until the site answers from the host with the three remotes server-rendered, stops the
# container with SIGTERM and says how long each part took. Where the npm registry is reached
# through a TLS-inspecting proxy, the host's CA bundle is handed in (NODE_EXTRA_CA_CERTS and npm's
# cafile); nothing else about the host is.
set -eu
image=${MFV_FRESH_IMAGE:-local/node:20}
command="npm start"
shims=false
while [ $# -gt 0 ]; do
  case "$1" in
    --corepack-shims) shims=true ;;
    --command) shift; command=$1 ;;
    *) echo "usage: sh .ci/fresh-machine.sh [--corepack-shims] [--command \"npm start\"]" >&2; exit 2 ;;
  esac
  shift
done
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
name="mfv-fresh-$$"
cleanup() { docker rm -f "$name" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
git clone --quiet "$root" "$work/site"
chmod -R a+rwX "$work"
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
ca=""
[ -f /etc/ssl/certs/ca-certificates.crt ] && ca=/etc/ssl/certs/ca-certificates.crt

setup="cd /home/node/site"
$shims && setup="corepack enable pnpm && echo 'corepack shims: '\$(command -v pnpm) && (pnpm --version || echo 'the shim cannot run pnpm') && $setup"
started=$(date +%s)
docker run -d --name "$name" -p "127.0.0.1:$port:8080" \
  -v "$work/site:/home/node/site" \
  ${ca:+-v "$ca:/etc/host-ca.pem:ro" -e NODE_EXTRA_CA_CERTS=/etc/host-ca.pem -e npm_config_cafile=/etc/host-ca.pem} \
  -e CI=1 -e NEXT_TELEMETRY_DISABLED=1 -e TURBO_TELEMETRY_DISABLED=1 \
  --user root "$image" sh -c "$setup && exec $command" >/dev/null
echo "fresh-machine: $image, $command$($shims && echo ', corepack shims present'); site on http://localhost:$port"

status=""
until [ -n "$status" ]; do
  if ! docker ps -q --filter "name=$name" | grep -q .; then
    docker logs --tail 40 "$name" 2>&1
    echo "fresh-machine: FAILED — the command exited before the site came up" >&2
    exit 1
  fi
  html=$(curl -fsS --max-time 5 "http://127.0.0.1:$port/" 2>/dev/null || true)
  case "$html" in
    *'data-remote-slot="user/UserMenu" data-state="ok"'*'data-remote-slot="notice/NoticeList" data-state="ok"'* | \
    *'data-remote-slot="notice/NoticeList" data-state="ok"'*'data-remote-slot="user/UserMenu" data-state="ok"'*)
      status=up ;;
  esac
  if [ $(( $(date +%s) - started )) -gt 1200 ]; then
    docker logs --tail 40 "$name" 2>&1
    echo "fresh-machine: FAILED — no site after 20 min" >&2
    exit 1
  fi
  [ -n "$status" ] || sleep 3
done
up=$(( $(date +%s) - started ))
echo "fresh-machine: home 200 with the remotes server-rendered after $up s"
docker logs "$name" 2>&1 | grep -E "pnpm|Redis|The site is up|stand-in" | head -8
t0=$(date +%s)
docker stop --time 20 "$name" >/dev/null
code=$(docker inspect --format '{{.State.ExitCode}}' "$name")
echo "fresh-machine: stopped with SIGTERM in $(( $(date +%s) - t0 )) s (exit $code); passed"
