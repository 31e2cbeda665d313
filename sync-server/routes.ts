import type { FastifyInstance } from 'fastify';
import { authRoutes, type AuthLimits } from './auth/auth-routes';
import type { ServerContext } from './context';

export interface RouteOptions {
  authLimits?: AuthLimits;
}

/** Every /api/v1 route module, registered under that prefix by app.ts. */
export function apiRoutes(context: ServerContext, options: RouteOptions = {}) {
  return async (api: FastifyInstance): Promise<void> => {
    await api.register(authRoutes(context, options.authLimits));
  };
}
