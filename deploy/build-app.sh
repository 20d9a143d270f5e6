#!/bin/sh
# Builds one deployable of the workspace and gathers exactly what its image runs into <out>:
#
#   shell | verify | user | notice   `next build` with MFV_NEXT_OUTPUT=standalone: server.js and
#       the production dependencies Next traced from the workspace root (.next/standalone), plus
#       what standalone leaves out: the static folder — which holds nextjs-mf's server remote
#       entries (.next/static/ssr) the shell loads — and public/.
#       Layout: <out>/apps/<app>/server.js, <out>/node_modules/…
#   api | sandbox   tsc, then `pnpm deploy --prod`: the package with its production dependencies
#       only (workspace packages copied in, built). Layout: <out>/apps/<app>/dist/server.js, so
#       paths relative to the repository (the sandbox's .sandbox-dev) keep working.
#
# Run from the workspace root after `pnpm install`. `pnpm --filter @mfv/platform standalone:check`
# runs it and then starts the result for real. The Dockerfile builds the whole workspace once
# (MFV_NEXT_OUTPUT=standalone turbo run build, shared by every image) and then runs it with
# --built, which only gathers that app's outputs.
set -eu
usage='usage: deploy/build-app.sh [--built] <shell|verify|user|notice|api|sandbox> <empty-out-dir>'
built=false
if [ "${1:-}" = "--built" ]; then
  built=true
  shift
fi
app=${1:?$usage}
out=${2:?$usage}
# The Next apps (keep in step with packages/topology's NEXT_APPS).
next_apps="shell verify user notice"
case "$app" in
  shell | verify | user | notice) kind=next ;;
  api | sandbox) kind=node ;;
  *) echo "build-app.sh: unknown app '$app'" >&2; echo "$usage" >&2; exit 2 ;;
esac
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
  echo "build-app.sh: $out is not empty" >&2
  exit 2
fi
mkdir -p "$out"
dir="apps/$app"

# The app's workspace dependencies first (turbo: in dependency order, cached) — but no other Next
# app: the shell depends on the remotes for their types only, never on their builds.
excluded=""
for other in $next_apps; do excluded="$excluded --filter=!@mfv/$other"; done
if ! $built; then
  # shellcheck disable=SC2086 # $excluded is a list of arguments
  pnpm exec turbo run build --filter="@mfv/${app}^..." $excluded --output-logs=errors-only
fi

if [ "$kind" = next ]; then
  # The app's build script sets NEXT_PRIVATE_LOCAL_WEBPACK=true (nextjs-mf refuses to build without).
  if ! $built; then MFV_NEXT_OUTPUT=standalone pnpm --filter "@mfv/${app}" run build; fi
  if [ ! -f "$dir/.next/standalone/$dir/server.js" ]; then
    echo "build-app.sh: no $dir/.next/standalone/$dir/server.js — was the build standalone?" >&2
    exit 1
  fi
  cp -a "$dir/.next/standalone/." "$out/"
  cp -a "$dir/.next/static" "$out/$dir/.next/static"
  if [ -d "$dir/public" ]; then cp -a "$dir/public" "$out/$dir/public"; fi
  # The remote releases (public/_mfv) repeat .next/static's chunks: one copy of those bytes in the
  # image (hard links; BuildKit keeps them through COPY).
  sh deploy/link-release-twins.sh "$out/$dir"
  # A remote is useless to the shell without its server remote entry.
  if [ "$app" != shell ] && [ ! -f "$out/$dir/.next/static/ssr/remoteEntry.js" ]; then
    echo "build-app.sh: $dir has no .next/static/ssr/remoteEntry.js (nextjs-mf server entry)" >&2
    exit 1
  fi
else
  if ! $built; then pnpm exec turbo run build --filter="@mfv/${app}" --output-logs=errors-only; fi
  # --prefer-offline, not --offline: the legacy deploy re-resolves the workspace packages' ranges,
  # which needs registry metadata that `pnpm fetch` / a frozen install never cache (a fresh
  # machine has none: ERR_PNPM_NO_OFFLINE_META). Tarballs still come from the store.
  pnpm --filter "@mfv/${app}" deploy --prod --legacy --prefer-offline "$out/$dir"
  # Sources and tests stay behind; dist/ (and the api's migrations/) is what runs.
  rm -rf "$out/$dir/src" "$out/$dir/tests" "$out/$dir/test" "$out/$dir/.turbo"
  if [ ! -f "$out/$dir/dist/server.js" ]; then
    echo "build-app.sh: no $out/$dir/dist/server.js" >&2
    exit 1
  fi
fi
echo "build-app.sh: $app → $out ($(du -sh "$out" | cut -f1))"
