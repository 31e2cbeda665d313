import type { FastifyInstance } from 'fastify';
import { authRoutes, type AuthLimits } from './auth/auth-routes';
import type { ServerContext } from './context';
import { directoryRoute } from './groups/directory-route';
import { groupRoutes } from './groups/group-routes';
import { DEFAULT_INVITE_GUESS_LIMITS, inviteRoutes } from './groups/invite-routes';
import { memberRoutes } from './groups/member-routes';
import { eventsRoute } from './sync/events-route';
import { pullRoute } from './sync/pull-route';
import { pushRoute } from './sync/push-route';

export interface RouteOptions {
  authLimits?: AuthLimits;
}

/** Every /api/v1 route module, registered under that prefix by app.ts. */
export function apiRoutes(context: ServerContext, options: RouteOptions = {}) {
  return async (api: FastifyInstance): Promise<void> => {
    await api.register(authRoutes(context, options.authLimits));
    await api.register(groupRoutes(context));
    await api.register(
      inviteRoutes(context, {
        perUser: context.config.inviteGuessesPerUser ?? DEFAULT_INVITE_GUESS_LIMITS.perUser,
        perIp: context.config.inviteGuessesPerIp ?? DEFAULT_INVITE_GUESS_LIMITS.perIp,
      }),
    );
    await api.register(memberRoutes(context));
    await api.register(directoryRoute(context));
    await api.register(pushRoute(context));
    await api.register(pullRoute(context));
    await api.register(eventsRoute(context));
  };
}
