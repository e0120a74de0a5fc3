# One image for the worker and both HTTP services; the compose file picks the entry point.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm install --no-save tsx
COPY . .
USER node
CMD ["npx", "tsx", "app/worker-main.ts"]
