# syntax=docker/dockerfile:1.7
# One image recipe for every deployable in the workspace; `--build-arg APP=<name>` picks it:
#
#   shell | verify | user | notice   Next.js standalone server: server.js and the production
#                                    dependencies Next traced — no pnpm, no dev dependencies
#   api | sandbox                    `pnpm deploy --prod`: the package and its production deps
#
# deploy/build-app.sh does the app-specific part; `pnpm --filter @mfv/platform standalone:check`
# runs the same script outside Docker and starts what it produced. docker-compose.yml builds
# every app from here. The final stage runs as the unprivileged `node` user; the code is root's
# and read-only to it, only the folders the app writes are its own.
#
# Sentry source maps are uploaded only when configured (deploy/sentry-sourcemaps.sh):
#   docker build --build-arg APP=shell --build-arg SENTRY_ORG=… --build-arg SENTRY_PROJECT=… \
#     --secret id=sentry_auth_token,env=SENTRY_AUTH_TOKEN .
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS workspace
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
RUN corepack enable pnpm
WORKDIR /repo
# Dependencies first: this layer is reused until the lockfile changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN pnpm fetch
COPY . .
RUN pnpm install --offline --frozen-lockfile

FROM workspace AS build
ARG APP
# nextjs-mf refuses to build without it (TOOLCHAIN-NOTES.md); the apps' build scripts set it too.
ENV NEXT_PRIVATE_LOCAL_WEBPACK=true
ARG SENTRY_ORG=""
ARG SENTRY_PROJECT=""
ARG SENTRY_URL=""
ARG SENTRY_RELEASE=""
RUN test -n "$APP" || { echo 'build with --build-arg APP=<shell|verify|user|notice|api|sandbox>' >&2; exit 1; }
# Browser source maps only when they will be uploaded (and then removed from the static folder).
RUN if [ -n "$SENTRY_ORG$SENTRY_PROJECT" ]; then export MFV_SOURCE_MAPS=true; fi \
  && sh deploy/build-app.sh "$APP" /out
RUN --mount=type=secret,id=sentry_auth_token,required=false \
  sh deploy/sentry-sourcemaps.sh "$APP" /out

FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production APP=${APP} NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=build /out /app
COPY --chmod=755 deploy/start.sh /usr/local/bin/mfv-start
# Writable for the app: Next's cache; the sandbox's generated dev keys (<repo>/.sandbox-dev).
RUN case "$APP" in \
      shell|verify|user|notice) writable="/app/apps/$APP/.next/cache" ;; \
      sandbox) writable="/app/.sandbox-dev" ;; \
      *) writable="" ;; \
    esac \
  && if [ -n "$writable" ]; then mkdir -p "$writable" && chown node:node "$writable"; fi
USER node
ENTRYPOINT ["mfv-start"]
