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
# Needs BuildKit (the default of Docker 23+ and of `docker compose`; with docker-compose 1.29 set
# COMPOSE_DOCKER_CLI_BUILD=1 DOCKER_BUILDKIT=1 — docs/operations.md, "Run with Docker"): the
# Sentry step reads a build secret.
#
# Build arguments:
#   NODE_IMAGE        the Node.js 20 base (default the official node:20-bookworm-slim; without a
#                     registry, local/node:20 from deploy/base-images/build.sh)
#   PNPM_VERSION      the pnpm the build installs with npm (the workspace's packageManager)
#   BUILD_CA_CERTS    PEM certificates the *build* trusts in addition to the system's, for machines
#                     that reach the npm registry through a TLS-inspecting proxy. Used only by the
#                     build stages: the final image never contains them.
#   BUILD_FROM        source (default): build the workspace in the image | prebuilt: package
#                     what `deploy/build-app.sh --built <app> deploy/.prebuilt/<app>` gathered from a
#                     standalone build done outside (CI, which has just built it; no Sentry upload)
#   SENTRY_*          source maps upload, only when configured (deploy/sentry-sourcemaps.sh):
#     docker build --build-arg APP=shell --build-arg SENTRY_ORG=… --build-arg SENTRY_PROJECT=… \
#       --secret id=sentry_auth_token,env=SENTRY_AUTH_TOKEN .
ARG NODE_IMAGE=node:20-bookworm-slim
ARG BUILD_FROM=source

FROM ${NODE_IMAGE} AS workspace
ARG PNPM_VERSION=10.34.9
ARG BUILD_CA_CERTS=""
ENV NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 NODE_EXTRA_CA_CERTS=/etc/mfv-build-ca.pem \
  npm_config_cafile=/etc/mfv-build-ca.pem npm_config_update_notifier=false npm_config_fund=false
# Node's own root certificates plus BUILD_CA_CERTS, for npm and pnpm.
RUN { node -p "require('tls').rootCertificates.join('\n')"; printf '%s\n' "$BUILD_CA_CERTS"; } \
    > /etc/mfv-build-ca.pem \
  && npm install --global --no-audit "pnpm@${PNPM_VERSION}" \
  && pnpm --version
WORKDIR /repo
# Dependencies first: this layer is reused until the lockfile changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN pnpm fetch
COPY . .
RUN pnpm install --offline --frozen-lockfile

# The whole workspace, built once for every image (BuildKit reuses this stage across the APP
# builds): standalone Next output, compiled packages. No turbo cache here: restoring the cached
# standalone outputs took longer than building them (measured 3.8 min vs ~3 min).
FROM workspace AS build
ARG SENTRY_ORG=""
ARG SENTRY_PROJECT=""
# nextjs-mf refuses to build without NEXT_PRIVATE_LOCAL_WEBPACK (the apps' build scripts set it).
ENV NEXT_PRIVATE_LOCAL_WEBPACK=true MFV_NEXT_OUTPUT=standalone
# Browser source maps only when they will be uploaded (and then removed from the static folder).
RUN if [ -n "$SENTRY_ORG$SENTRY_PROJECT" ]; then export MFV_SOURCE_MAPS=true; fi \
  && pnpm exec turbo run build --output-logs=errors-only --cache=local:,remote:

# One deployable's files, from the build above (deploy/build-app.sh --built).
FROM build AS app-source
ARG APP
ARG SENTRY_ORG=""
ARG SENTRY_PROJECT=""
ARG SENTRY_URL=""
ARG SENTRY_RELEASE=""
RUN test -n "$APP" || { echo 'build with --build-arg APP=<shell|verify|user|notice|api|sandbox>' >&2; exit 1; } \
  && sh deploy/build-app.sh --built "$APP" /out
RUN --mount=type=secret,id=sentry_auth_token,required=false \
  sh deploy/sentry-sourcemaps.sh "$APP" /out

# …or the same files gathered outside (BUILD_FROM=prebuilt; BuildKit then skips the stages above).
FROM ${NODE_IMAGE} AS app-prebuilt
ARG APP
COPY deploy/.prebuilt/${APP} /out

FROM app-${BUILD_FROM} AS app

FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production APP=${APP} NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=app /out /app
COPY deploy/start.sh /usr/local/bin/mfv-start
# The compose stack's `secrets` service runs this (Node's standard library only).
COPY deploy/platform-secrets.mjs /usr/local/lib/mfv/platform-secrets.mjs
# Writable for the app: Next's cache; the sandbox's generated dev keys (<repo>/.sandbox-dev). The
# sandbox makes its Toss dev certificates with the openssl CLI, which slim Node images lack.
RUN chmod 755 /usr/local/bin/mfv-start \
  && if [ "$APP" = sandbox ] && ! command -v openssl >/dev/null; then \
      apt-get update && apt-get install -y --no-install-recommends openssl && rm -rf /var/lib/apt/lists/*; \
    fi \
  && case "$APP" in \
      shell|verify|user|notice) writable="/app/apps/$APP/.next/cache" ;; \
      sandbox) writable="/app/.sandbox-dev" ;; \
      *) writable="" ;; \
    esac \
  && if [ -n "$writable" ]; then mkdir -p "$writable" && chown node:node "$writable"; fi
USER node
ENTRYPOINT ["mfv-start"]
