import { expect } from 'vitest';
import type { TestServer } from './test-server';
import type { SignedInUser } from './users';

/** Opens the SSE stream as `user` on `server` and collects its `changed` events. */
export async function openEvents(server: TestServer, user: SignedInUser) {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/api/v1/sync/events`, {
    headers: {
      cookie: `nb_session=${user.client.cookie('nb_session')}`,
      accept: 'text/event-stream',
    },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const events: Array<{ type: string; groupIds: string[] }> = [];
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const chunk = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (chunk.startsWith('event: changed')) {
          events.push(
            JSON.parse(chunk.split('\ndata: ')[1] ?? '{}') as { type: string; groupIds: string[] },
          );
        }
      }
    }
  })();
  return {
    events,
    async waitFor(predicate: () => boolean, timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return predicate();
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}
