import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ServerContext } from './context';
import { ApiError } from './http/api-error';
import { registerErrorHandler } from './http/error-handler';
import { registerHealthRoute } from './http/health-route';
import { registerOriginPolicy } from './http/origin';
import { registerSecurityHeaders } from './http/security-headers';
import { inspectStaticDir, registerStaticFiles } from './http/static-files';
import { loggerOptions } from './log';

/** Default body limit; the push route raises its own (see sync routes). */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export interface AppOptions {
  /** Whose X-Forwarded-For to believe, as fastify takes it (see server.ts for TRUST_PROXY). */
  trustProxy: FastifyServerOptions['trustProxy'];
  /** Registers the API routes under /api/v1 (accounts, groups, sync). */
  routes: (api: FastifyInstance) => Promise<void>;
}

/**
 * Graceful shutdown: `close()` lets in-flight requests (a push) finish; their responses then
 * ask the client to close the connection, so no kept-alive socket holds the shutdown open.
 */
function registerGracefulClose(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async () => {
    if (closing) setImmediate(() => app.server.closeIdleConnections());
  });
}

export async function buildApp(
  context: ServerContext,
  options: AppOptions,
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(context.config.logLevel),
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: options.trustProxy,
    // JSON.parse makes `__proto__` an own key; refuse such bodies outright.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
  });

  registerErrorHandler(app);
  registerGracefulClose(app);
  const site = inspectStaticDir(context.config.staticDir);
  registerSecurityHeaders(app, site.scriptHashes);
  registerOriginPolicy(app, context.config.publicOrigin);

  await app.register(fastifyCookie);
  await app.register(fastifyCompress, {
    global: true,
    encodings: ['br', 'gzip', 'deflate'],
    threshold: 1024,
    // Brotli's default quality 11 is far too slow for live API answers.
    brotliOptions: { params: { [(await import('node:zlib')).constants.BROTLI_PARAM_QUALITY]: 4 } },
  });

  registerHealthRoute(app, context);
  await app.register(options.routes, { prefix: '/api/v1' });

  // Protocol versions this server no longer (or never) spoke: tell the app to update.
  app.all('/api/:version/*', async (request) => {
    const { version } = request.params as { version: string };
    if (/^v\d+$/.test(version) && version !== 'v1') {
      throw new ApiError(
        'unsupported_version',
        `Protocol ${version} is not supported by this server; it speaks v1. Update the app.`,
      );
    }
    throw new ApiError('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`);
  });

  await registerStaticFiles(app, context.config.staticDir, site);
  return app;
}
