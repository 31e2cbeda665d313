import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './api-error';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The app's origin for this request: PUBLIC_ORIGIN, or the origin the request was sent to. */
export function appOrigin(request: FastifyRequest, publicOrigin: string | undefined): string {
  return publicOrigin ?? `${request.protocol}://${request.host}`;
}

/**
 * CORS for the app's origin only, and the Origin check that stops cross-site requests:
 * - a state-changing request whose `Origin` is not the app's origin → 403 `bad_origin`;
 * - without `Origin` it passes only when the browser did not mark it cross-site
 *   (`Sec-Fetch-Site` absent, `same-origin` or `none`): browsers send `Origin` on every
 *   POST/PUT/PATCH/DELETE, so a missing one means curl, a script or an old browser, none of
 *   which carries a victim's SameSite=Strict cookie across sites.
 */
export function registerOriginPolicy(app: FastifyInstance, publicOrigin: string | undefined): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    const allowed = appOrigin(request, publicOrigin);
    const matches = origin !== undefined && origin === allowed;

    if (matches && publicOrigin !== undefined) {
      reply.header('access-control-allow-origin', origin);
      reply.header('access-control-allow-credentials', 'true');
      reply.header('vary', 'Origin');
    }

    if (request.method === 'OPTIONS') {
      if (!matches) throw new ApiError('bad_origin', 'Cross-origin requests are not allowed.');
      reply
        .header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE')
        .header('access-control-allow-headers', 'content-type')
        .header('access-control-max-age', '600')
        .code(204)
        .send();
      return reply;
    }

    if (!STATE_CHANGING.has(request.method)) return;
    if (origin === undefined) {
      const site = request.headers['sec-fetch-site'];
      if (site === undefined || site === 'same-origin' || site === 'none') return;
      throw new ApiError('bad_origin', 'This request must come from the app.');
    }
    if (!matches) throw new ApiError('bad_origin', 'This request must come from the app.');
  });
}
