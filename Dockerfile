# syntax=docker/dockerfile:1.7
# One image recipe for every deployable in the workspace; `--build-arg APP=<name>` picks it:
# shell | verify | user | notice (Next.js), api, sandbox. docker-compose.yml builds each.
# The production-hardening pass (standalone output, production-only dependencies) is tracked
# separately; this recipe already runs as a non-root user with a frozen lockfile.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS workspace
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
RUN corepack enable pnpm
WORKDIR /repo
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch
COPY . .
RUN pnpm install --offline --frozen-lockfile

FROM workspace AS build
ARG APP
# nextjs-mf refuses to build without it (TOOLCHAIN-NOTES.md); harmless for non-Next packages.
ENV NEXT_PRIVATE_LOCAL_WEBPACK=true
RUN test -n "$APP" && pnpm exec turbo run build --filter="@mfv/${APP}..."

FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production APP=${APP} NEXT_TELEMETRY_DISABLED=1
WORKDIR /repo
COPY --from=build --chown=node:node /repo /repo
USER node
ENTRYPOINT ["/repo/deploy/start.sh"]
