/**
 * "The page has shown its first data": the moment work that the first screen does not need
 * (sync engine, service worker registration, notices) may start. Every `live()` query
 * counts as a first load until its first result; when none is left the first content is
 * on screen (after the next frame), or after MAX_WAIT_MS whatever happens, so a stuck
 * query never keeps the app from syncing.
 */

const MAX_WAIT_MS = 3_000;
const IDLE_WAIT_MS = 500;

let pending = 0;
let settled = false;
let checkQueued = false;
const waiting: (() => void)[] = [];

function settle(): void {
  if (settled) return;
  settled = true;
  for (const run of waiting.splice(0)) run();
}

/** After the frame that shows the results: rows in the DOM and painted. */
function settleAfterPaint(): void {
  if (typeof requestAnimationFrame === 'undefined') return settle();
  requestAnimationFrame(() => setTimeout(settle, 0));
}

function check(): void {
  if (checkQueued || settled) return;
  checkQueued = true;
  // A macrotask later: queries started in the same render are counted by then.
  setTimeout(() => {
    checkQueued = false;
    if (pending === 0) settleAfterPaint();
  }, 0);
}

/**
 * A query of the first screen started; call the returned function once its first result
 * (or error) arrived or it was dropped. After the first content, nothing is counted.
 */
export function beginFirstLoad(): () => void {
  if (settled) return () => {};
  pending += 1;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    pending -= 1;
    if (pending === 0) check();
  };
}

/**
 * Run `work` once the first content is on screen and the browser is idle (at most half a
 * second later: syncing at start should not wait long). Returns a cancel function. Call it when the app mounts: a page without queries
 * counts as shown at once.
 */
export function afterFirstContent(work: () => void): () => void {
  let cancelled = false;
  const idle = () => {
    if (cancelled) return;
    if (typeof requestIdleCallback === 'function') {
      requestIdleCallback(() => !cancelled && work(), { timeout: IDLE_WAIT_MS });
    } else {
      setTimeout(() => !cancelled && work(), 0);
    }
  };
  if (settled) idle();
  else {
    waiting.push(idle);
    check();
    setTimeout(settle, MAX_WAIT_MS);
  }
  return () => {
    cancelled = true;
  };
}
