import { API_BASE } from '$lib/protocol';

const RECONNECT_MS = 30_000;

/**
 * Listen to the server's "your groups changed" hints (SSE) and call `onHint` for each.
 * Hints are optional for correctness — the engine also syncs on its own schedule — so a
 * failed stream is simply reopened after a pause. Returns a function that closes it.
 */
export function listenForChanges(onHint: () => void, base = API_BASE): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const open = () => {
    retry = null;
    if (closed) return;
    source = new EventSource(`${base}/sync/events`, { withCredentials: true });
    source.addEventListener('message', onHint);
    source.addEventListener('changed', onHint);
    source.addEventListener('error', () => {
      // EventSource retries network drops itself; it gives up (CLOSED) on an HTTP error
      // such as 401, and then only a later attempt can help.
      if (source?.readyState === EventSource.CLOSED && !closed && !retry) {
        retry = setTimeout(open, RECONNECT_MS);
      }
    });
  };
  open();

  return () => {
    closed = true;
    if (retry) clearTimeout(retry);
    source?.close();
  };
}
