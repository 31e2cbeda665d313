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
 * Counts response bytes while `fn` runs: on the wire (encodedDataLength: headers + body as
 * sent, compressed when the server compressed) and decoded, plus the encodings seen.
 */
export async function countBytes(cdp, fn) {
  const requests = new Map();
  let wire = 0;
  let decoded = 0;
  const encodings = {};
  const onResponse = (e) => {
    const enc =
      e.response.headers['content-encoding'] ??
      e.response.headers['Content-Encoding'] ??
      'identity';
    requests.set(e.requestId, enc);
  };
  const onData = (e) => {
    decoded += e.dataLength;
  };
  const onFinished = (e) => {
    wire += e.encodedDataLength;
    const enc = requests.get(e.requestId);
    if (enc) encodings[enc] = (encodings[enc] ?? 0) + 1;
  };
  await cdp.send('Network.enable');
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.dataReceived', onData);
  cdp.on('Network.loadingFinished', onFinished);
  try {
    const result = await fn();
    // loadingFinished can trail the promise that consumed the body by a tick.
    await new Promise((r) => setTimeout(r, 100));
    return { result, bytes: { wire, decoded, requests: requests.size, encodings } };
  } finally {
    cdp.off('Network.responseReceived', onResponse);
    cdp.off('Network.dataReceived', onData);
    cdp.off('Network.loadingFinished', onFinished);
  }
}

/** JS heap in use after a full GC (the tab's memory that the data set costs). */
export async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name) => metrics.find((m) => m.name === name)?.value ?? null;
  return { jsHeapUsed: get('JSHeapUsedSize'), jsHeapTotal: get('JSHeapTotalSize') };
}

/** Opens the bench page and waits until it says it is ready. */
export async function openBench(page, baseUrl) {
  await page.goto(`${baseUrl}/bench/`);
  await page.waitForFunction(
    () => document.getElementById('status')?.textContent === 'bench ready',
  );
}
