import type { FastifyInstance } from 'fastify';
import type { ServerContext } from './context';

/** Every /api/v1 route module, registered under that prefix by app.ts. */
export function apiRoutes(_context: ServerContext) {
  return async (_api: FastifyInstance): Promise<void> => {};
}
