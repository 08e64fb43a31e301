# syntax=docker/dockerfile:1
#
# The console: a static Vite build served by nginx. The build context is the repository root, e.g.:
#   docker build -f docker/console.Dockerfile -t baton-console \
#     --build-arg VITE_API_URL=https://api.example.com --build-arg VITE_STORE_URL=https://store.example.com .
# The two URLs are compiled into the bundle (import.meta.env) and are the addresses the *browser*
# uses, so changing them means rebuilding the image.

FROM node:20-bookworm-slim AS build
WORKDIR /app

# Same install as the launcher's: install scripts are denied (see node.Dockerfile).
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund

COPY tsconfig.base.json ./
COPY libs ./libs
COPY workflows ./workflows
COPY apps/console ./apps/console

ARG VITE_API_URL=http://localhost:3000
ARG VITE_STORE_URL=http://localhost:4100
ENV VITE_API_URL=${VITE_API_URL} VITE_STORE_URL=${VITE_STORE_URL}

# vite.config.mts writes the build to /app/dist/console.
WORKDIR /app/apps/console
RUN npx vite build

FROM nginx:1.27-alpine
# nginx.conf keeps its pid and temp files in /tmp, so nginx runs as its unprivileged user.
COPY docker/nginx.conf /etc/nginx/nginx.conf
COPY --from=build /app/dist/console /usr/share/nginx/html
USER nginx
EXPOSE 8080
