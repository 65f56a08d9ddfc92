# syntax=docker/dockerfile:1
# One image recipe for every service: `docker build --build-arg SERVICE=diaspora-registry .`
# Stage 1 installs and builds the whole workspace once (shared by every service image through the
# build cache); stage 2 keeps production dependencies, the built libs and one service's dist.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true
# npm workspaces need every package.json in place before `npm ci`; the sources come with them.
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
RUN npx nx run-many -t build --output-style=static \
 && npm prune --omit=dev --no-audit --no-fund

FROM build AS bundle
ARG SERVICE
RUN test -n "$SERVICE" || { echo "build with --build-arg SERVICE=<folder in services/>" >&2; exit 1; }; \
    test -f "services/$SERVICE/dist/main.js" || { echo "services/$SERVICE/dist/main.js was not built" >&2; exit 1; }; \
    mkdir -p /out/services/$SERVICE \
 && cp -a package.json node_modules /out/ \
 && for lib in libs/*; do mkdir -p /out/$lib && cp -a $lib/package.json $lib/dist /out/$lib/; done \
 && cp -a services/$SERVICE/package.json services/$SERVICE/dist /out/services/$SERVICE/ \
 && node -p "const m = require('./services/$SERVICE/package.json').vidnova?.maxOldSpaceMb; m ? '--max-old-space-size=' + m : ''" > /out/node-heap-flag

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
# The report worker prints PDFs with Chromium: `--build-arg WITH_CHROMIUM=true` adds Debian's package.
ARG WITH_CHROMIUM=false
RUN if [ "$WITH_CHROMIUM" = "true" ]; then apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*; fi
ENV NODE_ENV=production \
    SERVICE=${SERVICE} \
    SERVICE_NAME=${SERVICE} \
    HEALTH_HOST=0.0.0.0 \
    HEALTH_PORT=3100 \
    PORT=3000 \
    ENTRY=main \
    CHROMIUM_PATH=/usr/bin/chromium
WORKDIR /app
COPY --from=bundle --chown=root:root /out/ ./
# Runs as the image's unprivileged `node` user; the code is owned by root and read-only to it.
USER node
EXPOSE 3000 3100
# The gateway answers /health on its HTTP port; the other services on their small health server.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const p=process.env.SERVICE==='gateway'?process.env.PORT:process.env.HEALTH_PORT;fetch('http://127.0.0.1:'+p+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# ENTRY=worker runs a service's second entry point (services/reporting/dist/worker.js, the report worker).
# `exec` makes node PID 1, so SIGTERM from `docker stop` reaches the service's graceful shutdown.
# The service's declared V8 old-space cap (vidnova.maxOldSpaceMb in its package.json) goes first in NODE_OPTIONS,
# so an operator's own --max-old-space-size in NODE_OPTIONS comes later and wins.
CMD ["sh", "-c", "export NODE_OPTIONS=\"$(cat node-heap-flag) $NODE_OPTIONS\"; exec node --enable-source-maps services/$SERVICE/dist/$ENTRY.js"]
