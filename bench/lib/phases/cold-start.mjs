// (4) Cold start offline with the main data set on the device: the REAL built app (served
// by the sync-server, through the bench's loopback front door), its service worker installed
// first, then the browser restarted with the network off; the time from navigation to the
// needs board's first rows, without and with Chromium's 4× CPU throttle.
import { launchProfile, openBench } from '../browser.mjs';
import { summary } from '../stats.mjs';

const ROW = '[data-testid="request-row"]';

/** Installed in every page: when the first board row appears, relative to navigation start. */
function watchFirstRow(selector) {
  const record = () => {
    if (window.__firstRowMs === undefined && document.querySelector(selector)) {
      window.__firstRowMs = performance.now();
      return true;
    }
    return false;
  };
  new MutationObserver((_m, observer) => {
    if (record()) observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
}

async function prepareProfile(ctx) {
  const profile = await launchProfile(ctx.tmp);
  const { page } = profile;
  // The device's data: sign in and sync through the bench page (same origin, same Dexie
  // database the app opens), so this phase does not depend on the UI's sign-in screens.
  await openBench(page, ctx.proxyUrl);
  await page.evaluate(([l, p]) => window.bench.signIn(l, p), [ctx.main.login, ctx.main.password]);
  const synced = await page.evaluate(() => window.bench.sync());
  // The app itself: its service worker installs and takes control.
  await page.goto(`${ctx.proxyUrl}/g/${ctx.main.groupId}`);
  await page.waitForSelector(ROW, { timeout: 60_000 }).catch(async (error) => {
    const text = await page
      .locator('body')
      .innerText()
      .catch(() => '');
    throw new Error(`no board rows at ${page.url()}: "${text.slice(0, 300)}" (${error.message})`);
  });
  // The app registers its worker once mounted; give it a moment.
  let registeredBy = 'app';
  const registered = await page.evaluate(async () => {
    for (let i = 0; i < 30; i++) {
      if (await navigator.serviceWorker.getRegistration()) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  });
  if (!registered) {
    // The app did not register its worker (yet): register the built one (build/sw.js) the
    // way the app would, so the offline figure exists; the report says who registered it.
    registeredBy = 'bench';
    await page.evaluate(() => navigator.serviceWorker.register('/sw.js', { scope: '/' }));
  }
  try {
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, {
      timeout: 60_000,
    });
  } catch {
    const state = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      const w = (x) => x?.state ?? null;
      return r ? { installing: w(r.installing), waiting: w(r.waiting), active: w(r.active) } : null;
    });
    throw new Error(
      `the service worker never controlled the page (registered by ${registeredBy}: ${JSON.stringify(state)})`,
    );
  }
  // Let the worker finish precaching before the browser closes.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForTimeout(1000);
  await profile.close({ keep: true });
  return { dir: profile.dir, records: synced.requests, registeredBy };
}

async function coldOnce(ctx, dir, throttle) {
  const profile = await launchProfile(ctx.tmp, { dir });
  try {
    await profile.context.setOffline(true);
    await profile.context.addInitScript(watchFirstRow, ROW);
    if (throttle > 1) await profile.cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await profile.page.goto(`${ctx.proxyUrl}/g/${ctx.main.groupId}`, { waitUntil: 'commit' });
    await profile.page.waitForFunction(() => window.__firstRowMs !== undefined, null, {
      timeout: 60_000,
      polling: 50,
    });
    const ms = await profile.page.evaluate(() => window.__firstRowMs);
    const rows = await profile.page.locator(ROW).count();
    const controlled = await profile.page.evaluate(
      () => navigator.serviceWorker?.controller !== null,
    );
    return { ms, rows, controlled };
  } finally {
    await profile.close({ keep: true });
  }
}

export async function coldStartPhase(ctx) {
  if (!ctx.appBuilt) return { skipped: 'build/ is missing (run `npm run build`)' };
  const prepared = await prepareProfile(ctx);
  const samples = { unthrottled: [], throttled4x: [] };
  try {
    for (let run = 0; run < ctx.options.coldRuns; run++) {
      for (const [key, rate] of [
        ['unthrottled', 1],
        ['throttled4x', 4],
      ]) {
        const result = await coldOnce(ctx, prepared.dir, rate).catch((error) => ({
          error: String(error?.message ?? error).slice(0, 300),
        }));
        samples[key].push(result);
        ctx.log(
          `cold start ${key} run ${run + 1}: ${result.error ?? `${result.ms.toFixed(0)} ms, ${result.rows} rows`}`,
        );
      }
    }
  } finally {
    const { rmSync } = await import('node:fs');
    rmSync(prepared.dir, { recursive: true, force: true });
  }
  return {
    records: prepared.records,
    serviceWorkerRegisteredBy: prepared.registeredBy,
    samples,
    unthrottled: summary(samples.unthrottled.map((s) => s.ms)),
    throttled4x: summary(samples.throttled4x.map((s) => s.ms)),
  };
}
