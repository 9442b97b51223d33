# syntax=docker/dockerfile:1
# The API image. Also used by the compose `migrate` service (same image, different command).

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: full install, compile TypeScript, then drop dev dependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV SCARF_ANALYTICS=false \
    npm_config_fund=false \
    npm_config_audit=false \
    npm_config_update_notifier=false
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build \
 && npm prune --omit=dev \
 && npm cache clean --force

# ---- runtime: only package.json, production node_modules and the compiled build ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
# package.json is needed at run time: "type": "module" and the "#domain"/"#workflow" import map.
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/apps/web/dist ./apps/web/dist
# DATA_DIR is only used by the embedded database (no DATABASE_URL); make it writable for the node user.
# The data, the secret keys (KEY_DIR) and the audit witness (AUDIT_WITNESS_DIR): volumes in docker-compose.yml.
RUN mkdir -p /app/data /app/keys /app/witness && chown node:node /app/data /app/keys /app/witness
USER node
EXPOSE 3000
# No curl in slim images: Node 20's global fetch does the readiness probe.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
