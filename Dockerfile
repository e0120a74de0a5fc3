# One image for the worker and both HTTP services; the compose file picks the entry point.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm install --no-save tsx
COPY . .
# The workflow code bundled once, here, so a worker neither runs webpack at start-up nor keeps its memory.
RUN npx tsx app/workflow-bundle.ts /app/dist/workflow-bundle.js
ENV WORKER_WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js
USER node
# The worker, by default: Node itself with tsx's loader (no npm and tsx wrapper processes, about 125 MiB between them,
# and the orchestrator's SIGTERM reaches the process that drains), with its heap ceiling (WORKER_HEAP_CEILING_MIB in
# app/worker.ts, which test/app/worker-start.test.ts holds this line to).
CMD ["node", "--max-old-space-size=256", "--import", "tsx", "app/worker-main.ts"]
