// Chromium for the bench: a fresh persistent profile per run (what a first-time user has),
// the DevTools protocol for bytes on the wire, CPU throttling and the tab's memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

/** `dir`: reopen an existing profile (a browser restart); otherwise a fresh one. */
export async function launchProfile(tmpDir, { dir = mkdtempSync(join(tmpDir, 'profile-')) } = {}) {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    args: chromiumArgs,
    headless: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  return {
    context,
    page,
    cdp,
    dir,
    async close({ keep = false } = {}) {
      await context.close();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Counts response bytes while `fn` runs, at the bench's front door (bench/serve.mjs): on the
 * wire (headers + body as sent, compressed when the server compressed) and decoded, plus the
 * encodings seen — for the page and its workers alike.
 */
export async function countBytes(meter, fn) {
  meter.start();
  let result;
  try {
    result = await fn();
  } catch (error) {
    await meter.stop();
    throw error;
  }
  return { result, bytes: await meter.stop() };
}

/**
 * JS heap in use after a full GC — the tab's: the page's plus its workers' (the app syncs in
 * a dedicated worker, a heap of its own), each also given apart.
 */
export async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name) => metrics.find((m) => m.name === name)?.value ?? null;
  const page = get('JSHeapUsedSize');
  const workers = await workersHeapUsed(cdp);
  return {
    jsHeapUsed: page === null ? null : page + workers,
    pageHeapUsed: page,
    workersHeapUsed: workers,
    jsHeapTotal: get('JSHeapTotalSize'),
  };
}

/** The page's dedicated workers' heap after a GC in each (DevTools sessions of their own). */
async function workersHeapUsed(cdp) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  let total = 0;
  for (const target of targetInfos.filter((t) => t.type === 'worker')) {
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    });
    let next = 0;
    const waiting = new Map();
    const onMessage = (event) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message);
      waiting.get(message.id)?.(message.result ?? {});
    };
    cdp.on('Target.receivedMessageFromTarget', onMessage);
    const send = (method) =>
      new Promise((resolve) => {
        const id = (next += 1);
        waiting.set(id, resolve);
        void cdp.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method, params: {} }),
        });
      });
    try {
      await send('HeapProfiler.collectGarbage');
      total += (await send('Runtime.getHeapUsage')).usedSize ?? 0;
    } finally {
      cdp.off('Target.receivedMessageFromTarget', onMessage);
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
  }
  return total;
}

/** Opens the bench page and waits until it says it is ready. */
export async function openBench(page, baseUrl) {
  await page.goto(`${baseUrl}/bench/`);
  await page.waitForFunction(
    () => document.getElementById('status')?.textContent === 'bench ready',
  );
}
