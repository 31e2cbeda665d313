/**
 * `npm start` / `tsx sync-server/main.ts`: the sync-server with its configuration from the
 * environment (see docs/operations.md). SIGTERM/SIGINT shut it down gracefully: in-flight
 * requests (pushes) finish, then the embedded database stops.
 */
import { startServer } from './server';

const GRACE_MS = 15_000;

async function main(): Promise<void> {
  const server = await startServer();
  console.log(`Neighborly sync-server listening on ${server.url}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing in-flight requests`);
    const force = setTimeout(() => {
      console.error('shutdown took too long; exiting');
      process.exit(1);
    }, GRACE_MS);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('error during shutdown', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('sync-server failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
