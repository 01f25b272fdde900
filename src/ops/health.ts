import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/** Each check's name and whether it passes: `content`, `slack`, `discord`, ... */
export type ReadinessChecks = () => Record<string, boolean>;

/** What an operator should know while the bot still answers (e.g. CONTENT_DIR gone, last good content kept). */
export type ReadinessWarnings = () => readonly string[];

export const HEALTH_PATHS = ['/healthz', '/readyz', '/metrics'] as const;

export type HealthRequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(body);
}

/**
 * `/healthz`: the process answers. `/readyz`: content is loaded and every configured platform is
 * connected (503 with the failing checks otherwise), with `warnings` when something is wrong that does not
 * stop the answers. `/metrics`: Prometheus text format.
 */
export function createHealthHandler(readiness: ReadinessChecks, registry: Registry, warnings: ReadinessWarnings = () => []): HealthRequestHandler {
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
      return;
    }
    if (path === '/healthz') {
      send(response, 200, 'application/json', JSON.stringify({ status: 'ok' }));
    } else if (path === '/readyz') {
      const checks = readiness();
      const ready = Object.values(checks).every(Boolean);
      const notes = warnings();
      const body = { status: ready ? 'ready' : 'not ready', checks, ...(notes.length > 0 ? { warnings: notes } : {}) };
      send(response, ready ? 200 : 503, 'application/json', JSON.stringify(body));
    } else if (path === '/metrics') {
      registry
        .metrics()
        .then((text) => send(response, 200, registry.contentType, text))
        .catch(() => send(response, 500, 'text/plain; charset=utf-8', 'metrics unavailable\n'));
    } else {
      send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
    }
  };
}

/** A route served beside the health endpoints (the GitHub webhook), on the same port. */
export interface HttpRoute {
  path: string;
  /** The methods it takes; the handler answers others itself. */
  methods: readonly string[];
  handler: HealthRequestHandler;
}

/** The health endpoints, plus routes of other kinds on their own paths. */
export function withRoutes(health: HealthRequestHandler, routes: readonly HttpRoute[]): HealthRequestHandler {
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const route = routes.find((candidate) => candidate.path === path);
    (route?.handler ?? health)(request, response);
  };
}

/** Where the health server listens by default: every IPv4 interface, for a load balancer or orchestrator. */
export const HEALTH_HOST = '0.0.0.0';

/** A small HTTP server for the health endpoints, when Slack's HTTP receiver is not there to carry them. */
export async function startHealthServer(port: number, handler: HealthRequestHandler, host = HEALTH_HOST): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
