import type { FastifyInstance } from 'fastify';
import type { HealthResponse } from '../../src/lib/protocol';
import type { ServerContext } from '../context';

/** GET /api/health: liveness plus a real round trip to the database through nano. */
export function registerHealthRoute(app: FastifyInstance, context: ServerContext): void {
  app.get('/api/health', async (_request, reply): Promise<HealthResponse> => {
    const ok = await context.couch.ping();
    if (!ok) reply.code(503).header('retry-after', '5');
    return {
      status: ok ? 'ok' : 'degraded',
      version: context.version,
      database: { kind: context.databaseKind, ok },
    };
  });
}
