// Writes bench/results.json (everything measured) and bench/RESULTS.md (the tables, the
// targets of issue 6 and whether each was met). Medians of the runs, with min and max.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import { join } from 'node:path';
import { latency, summary } from './stats.mjs';

const ms = (v) =>
  v === null || v === undefined ? '—' : v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`;
const sec = (v) => (v === null || v === undefined ? '—' : `${(v / 1000).toFixed(2)} s`);
const mb = (v) => (v === null || v === undefined ? '—' : `${(v / 1e6).toFixed(2)} MB`);
const mib = (v) => (v === null || v === undefined ? '—' : `${(v / 2 ** 20).toFixed(1)} MiB`);
const kib = (v) => (v === null || v === undefined ? '—' : `${(v / 1024).toFixed(1)} KiB`);
const x = (v) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${v.toFixed(2)}×`);
const range = (s, fmt) => (s.n ? `${fmt(s.median)} (${fmt(s.min)} – ${fmt(s.max)})` : '—');
const verdict = (ok) => (ok === null ? 'not measured' : ok ? '**met**' : '**not met**');

const ok = (list) => list.filter((s) => s && !s.error);
const med = (list, pick) => summary(ok(list).map(pick)).median;

function longTaskSummary(samples) {
  const all = ok(samples).map((s) => (s.longTasks ?? []).map((t) => t.duration));
  const counts = summary(all.map((l) => l.length));
  const max = Math.max(0, ...all.flat());
  return { counts, max };
}

function firstSyncSection(phase, lines, targets) {
  const { samples, contenders, profiles } = phase;
  lines.push('## 1. First sync of the main group into an empty browser', '');
  lines.push(
    '| contender | time: median (min – max) | runs | bytes on the wire | decoded | long tasks > 50 ms on the page (median count, longest) | JS heap after (page + workers) |',
    '|---|---|---|---|---|---|---|',
  );
  for (const { key, label } of contenders) {
    const list = samples[key] ?? [];
    const good = ok(list);
    const failed = list.length - good.length;
    const time = summary(good.map((s) => s.ms));
    const lt = longTaskSummary(list);
    lines.push(
      `| ${label} | ${range(time, sec)} | ${good.length}${failed ? ` (+${failed} failed)` : ''} | ${mb(med(list, (s) => s.bytes?.wire))} | ${mb(med(list, (s) => s.bytes?.decoded))} | ${lt.counts.n ? `${lt.counts.median}, ${ms(lt.max)}` : '—'} | ${mib(med(list, (s) => s.heap?.jsHeapUsed))} |`,
    );
  }
  const n = med(samples.neighborly ?? [], (s) => s.ms);
  const pd = med(samples.pouchDefault ?? [], (s) => s.ms);
  const p5 = med(samples.pouch500 ?? [], (s) => s.ms);
  const fl = med(samples.floor ?? [], (s) => s.ms);
  const nBytes = med(samples.neighborly ?? [], (s) => s.bytes?.wire);
  const fBytes = med(samples.floor ?? [], (s) => s.bytes?.wire);
  lines.push('');
  lines.push(`- PouchDB (default) ÷ Neighborly: **${x(pd / n)}** (target ≥ 3×)`);
  lines.push(`- PouchDB (batch_size 500) ÷ Neighborly: **${x(p5 / n)}**`);
  lines.push(`- Neighborly ÷ floor: **${x(n / fl)}** (target ≤ 1.25×)`);
  lines.push(`- Bytes on the wire, Neighborly ÷ floor: **${x(nBytes / fBytes)}** (target ≤ 1×)`);
  const signIn = summary(ok(samples.neighborly ?? []).map((s) => s.signInMs));
  const net = summary(
    ok([...(samples.neighborly ?? []), ...(samples.neighborlyInPage ?? [])]).map(
      (s) => s.networkMs,
    ),
  );
  const where = ok(samples.neighborly ?? [])[0]?.where;
  lines.push(
    `- Neighborly's time is the sync engine's run only (push of an empty outbox + pull until \`more\` is false, into Dexie)${where === 'worker' ? ", made as the app makes it, in its sync worker (the page's main thread only waits: its long tasks below are the page's, not the worker's)" : ''}; signing in before it took ${range(signIn, ms)}.${net.n ? ` Of the sync on the main thread, ${ms(net.median)} (median) was spent in the transport (fetch + JSON parse + shape check of every page), the rest applying pages to Dexie.` : ''}`,
  );
  targets.push([
    'First sync ≥ 3× faster than PouchDB (default)',
    `${x(pd / n)}`,
    verdict(n && pd ? pd / n >= 3 : null),
  ]);
  targets.push([
    'First sync ≤ 1.25× the floor',
    `${x(n / fl)}`,
    verdict(n && fl ? n / fl <= 1.25 : null),
  ]);
  targets.push([
    'No more bytes on the wire than the floor',
    `${mb(nBytes)} vs ${mb(fBytes)}`,
    verdict(nBytes && fBytes ? nBytes <= fBytes : null),
  ]);
  const lt = longTaskSummary(samples.neighborly ?? []);
  targets.push([
    'No main-thread task over 50 ms during a first sync',
    lt.counts.n ? `median ${lt.counts.median} long tasks, longest ${ms(lt.max)}` : '—',
    verdict(lt.counts.n ? lt.max <= 50 : null),
  ]);

  if (profiles) {
    lines.push(
      '',
      '### Where the main thread spends a first sync (CPU profile, self time, one extra untimed run each)',
      '',
    );
    for (const [key, profile] of Object.entries(profiles)) {
      if (profile.error) {
        lines.push(`- ${key}: profile failed: ${profile.error}`);
        continue;
      }
      lines.push(`**${key}** — ${ms(profile.totalMs)} sampled:`, '');
      lines.push('| function | self time |', '|---|---|');
      for (const row of profile.top) lines.push(`| \`${row.name}\` | ${ms(row.ms)} |`);
      lines.push('');
    }
  }
  lines.push('');
}

function sessionSection(phase, options, lines) {
  const runs = ok(phase.samples.neighborly ?? [])
    .map((s) => s.session)
    .filter(Boolean);
  lines.push('## 2. Incremental sync and push of offline edits', '');
  if (runs.length === 0) {
    lines.push('Not measured (no Neighborly run completed).', '');
    return;
  }
  const inc = summary(runs.map((r) => r.incremental?.ms));
  const incBytes = summary(runs.map((r) => r.incremental?.bytes?.wire));
  const edits = summary(runs.map((r) => r.edits?.ms));
  const push = summary(runs.map((r) => r.push?.ms));
  const pushNet = summary(runs.map((r) => r.push?.networkMs));
  const tallies = runs.map((r) => r.push?.tally);
  lines.push('| measurement | median (min – max) | runs |', '|---|---|---|');
  lines.push(
    `| Pull of ${options.changed} records changed on the server after a first sync | ${range(inc, ms)} | ${inc.n} |`,
  );
  lines.push(`| … its bytes on the wire | ${range(incBytes, mb)} | ${incBytes.n} |`);
  lines.push(
    `| ${options.offlineEdits} offline edits through the data layer (record + outbox, one transaction each) | ${range(edits, ms)} | ${edits.n} |`,
  );
  lines.push(
    `| Push of those ${options.offlineEdits} edits (outbox drained, results applied) | ${range(push, ms)} | ${push.n} |`,
  );
  lines.push(
    `| … of which waiting for the server (transport) | ${range(pushNet, ms)} | ${pushNet.n} |`,
  );
  lines.push('');
  lines.push(
    `Push results per run: ${tallies.map((t) => (t ? `${t.applied} applied / ${t.merged} merged / ${t.rejected} rejected` : '—')).join('; ')}.`,
    '',
  );
  if (push.median) {
    lines.push(
      `That is ${Math.round(options.offlineEdits / (push.median / 1000))} mutations/s end to end from one phone.`,
      '',
    );
  }
}

function queriesSection(q, lines, targets) {
  lines.push('## 3. Local queries over the main data set (data layer, in the browser)', '');
  if (!q) {
    lines.push('Not measured.', '');
    return;
  }
  lines.push('| query | results | p50 | p95 | p99 | max | runs |', '|---|---|---|---|---|---|---|');
  const rows = [
    [
      'board',
      'Needs board: open, one group, one category (groceries), by urgency then needed-by, first 50',
    ],
    ['boardAll', 'Needs board: open, one group, all categories, first 50'],
    ['search', 'Text search "prescription", first 50'],
    ['myTasks', 'My tasks (today / upcoming / done)'],
    ['boardIndex', 'Reference: the first query straight on its Dexie index (no data layer)'],
  ];
  for (const [key, label] of rows) {
    const r = q[key];
    if (!r) continue;
    const l = latency(r.samples);
    lines.push(
      `| ${label} | ${r.size} | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} | ${ms(l.max)} | ${l.n} |`,
    );
  }
  lines.push('', 'Timer resolution in a page that is not cross-origin isolated is 0.1 ms.', '');
  const board = q.board ? latency(q.board.samples) : null;
  targets.push([
    'Needs-board query p95 ≤ 3 ms',
    board ? ms(board.p95) : '—',
    verdict(board ? board.p95 <= 3 : null),
  ]);
}

function coldSection(c, lines, targets) {
  lines.push('## 4. Cold start offline', '');
  if (!c || c.skipped) {
    lines.push(`Not measured${c?.skipped ? `: ${c.skipped}` : ''}.`, '');
    targets.push(['Cold start offline ≤ 1 s (unthrottled)', '—', verdict(null)]);
    targets.push(['Cold start offline ≤ 2.5 s (4× CPU throttle)', '—', verdict(null)]);
    return;
  }
  lines.push(
    `The built app served by the sync-server, ${c.records} requests on the device, service worker installed (registered by ${c.serviceWorkerRegisteredBy === 'app' ? 'the app itself' : 'the bench: the app did not register it in this build'}), then the browser restarted with the network off; time from navigation start to the first board row in the DOM.`,
    '',
  );
  lines.push('| CPU | median (min – max) | runs |', '|---|---|---|');
  lines.push(`| unthrottled | ${range(c.unthrottled, ms)} | ${c.unthrottled.n} |`);
  lines.push(
    `| 4× throttle (CDP Emulation.setCPUThrottlingRate) | ${range(c.throttled4x, ms)} | ${c.throttled4x.n} |`,
  );
  const errors = [...c.samples.unthrottled, ...c.samples.throttled4x].filter((s) => s.error);
  if (errors.length) lines.push('', `Failed runs: ${errors.map((e) => e.error).join('; ')}`);
  lines.push('');
  targets.push([
    'Cold start offline ≤ 1 s (unthrottled)',
    ms(c.unthrottled.median),
    verdict(c.unthrottled.n ? c.unthrottled.median <= 1000 : null),
  ]);
  targets.push([
    'Cold start offline ≤ 2.5 s (4× CPU throttle)',
    ms(c.throttled4x.median),
    verdict(c.throttled4x.n ? c.throttled4x.median <= 2500 : null),
  ]);
}

function bundleSection(b, lines, targets) {
  lines.push('## 5. Bundle', '');
  if (!b || b.skipped) {
    lines.push(`Not measured${b?.skipped ? `: ${b.skipped}` : ''}.`, '');
    return;
  }
  lines.push('| what | gzip |', '|---|---|');
  lines.push(
    `| JS of the first route, from the build manifest (npm test's gate, scripts/check-bundle.mjs) | ${b.gate.kib === null ? '—' : `${b.gate.kib} KiB`} |`,
  );
  lines.push(
    `| JS Chromium loaded on a first visit to "/" (${b.browser.files} files, each gzip -9) | ${kib(b.browser.gzipBytes)} |`,
  );
  lines.push(
    `| Whole precache (${b.precache.entries} entries + sw.js and Workbox; images as they are) | ${kib(b.precache.gzipBytes)} (raw ${kib(b.precache.rawBytes)}) |`,
  );
  lines.push(
    '',
    `Precache by kind (gzip): ${Object.entries(b.precache.byKindGzip)
      .map(([k, v]) => `${k} ${kib(v)}`)
      .join(', ')}.`,
    '',
  );
  const first = b.gate.kib ?? b.browser.gzipBytes / 1024;
  targets.push(['First-route JS ≤ 100 KiB gzip', `${first.toFixed(1)} KiB`, verdict(first <= 100)]);
  targets.push([
    'Precache ≤ 1 MiB',
    kib(b.precache.gzipBytes),
    verdict(b.precache.gzipBytes <= 2 ** 20),
  ]);
}

function serverSection(s, lines, targets) {
  lines.push('## 6. Server', '');
  if (!s) {
    lines.push('Not measured.', '');
    targets.push(['Sync-server overhead ≤ 1.5× direct nano', '—', verdict(null)]);
    return;
  }
  lines.push(
    `Load from a second process (autocannon), session cookie, against the sync-server (its own process) with the embedded database (its own process). A push carries ${s.perPush} creates; a pull asks for ${s.pullLimit} records.`,
    '',
  );
  lines.push(
    '| load | requests/s | p50 | p90 | p99 | errors / non-2xx | peak RSS sync-server | peak RSS database |',
    '|---|---|---|---|---|---|---|---|',
  );
  const row = (label, r) =>
    lines.push(
      `| ${label} | ${r.requestsPerSec} | ${ms(r.latency.p50)} | ${ms(r.latency.p90)} | ${ms(r.latency.p99)} | ${r.errors + r.timeouts} / ${r.non2xx} | ${mib(r.peakRss.syncServer)} | ${mib(r.peakRss.database)} |`,
    );
  row('push, 10 connections, flat out', s.pushMax);
  row('pull, 10 connections, flat out', s.pullMax);
  row(`push at a fixed ${s.pushFixed.rate} req/s`, s.pushFixed);
  row(`pull at a fixed ${s.pullFixed.rate} req/s`, s.pullFixed);
  lines.push('');
  lines.push(
    `- Push: **${Math.round(s.pushMutationsPerSec)} mutations/s**; pull: **${Math.round(s.pullRecordsPerSec)} records/s**.`,
  );
  lines.push(
    `- Idle RSS: sync-server ${mib(s.idleRss.syncServer)}, database ${mib(s.idleRss.database)}.`,
  );
  const o = s.overhead;
  lines.push(
    '',
    `Overhead against nano straight to the backend (one call at a time, ${o.reps} repetitions, medians):`,
    '',
  );
  lines.push('| work | via the sync-server | nano direct | ratio |', '|---|---|---|---|');
  lines.push(
    `| write 500 new requests (push of 500 creates vs one _bulk_docs) | ${range(o.write.server, ms)} | ${range(o.write.nano, ms)} | ${x(o.write.ratio)} |`,
  );
  lines.push(
    `| read the first 1,000 records (pull page vs _changes?include_docs) | ${range(o.read.server, ms)} | ${range(o.read.nano, ms)} | ${x(o.read.ratio)} |`,
  );
  lines.push('');
  targets.push([
    'Sync-server overhead ≤ 1.5× nano (write)',
    x(o.write.ratio),
    verdict(o.write.ratio <= 1.5),
  ]);
  targets.push([
    'Sync-server overhead ≤ 1.5× nano (read)',
    x(o.read.ratio),
    verdict(o.read.ratio <= 1.5),
  ]);
}

function growthSection(g, firstSync, options, lines, targets) {
  lines.push('## 7. Growth', '');
  if (!g) {
    lines.push('Not measured.', '');
    return;
  }
  lines.push(
    `Each size is its own user and group. First sync into an empty profile, the tab's JS heap after a forced GC, then ${options.incRounds ?? 1} rounds of ${options.growthChanges} records changed on the server and synced (a run's figure is the median of its rounds).`,
    '',
  );
  lines.push(
    '| records | runs | first sync | JS heap after (page + workers) | long tasks on the page (median count, longest) | incremental sync of 10 changes |',
    '|---|---|---|---|---|---|',
  );
  const incs = [];
  for (const [size, entry] of Object.entries(g.sizes)) {
    let list;
    if (entry.from === 'first-sync') {
      list = ok(firstSync?.samples?.neighborly ?? []).map((s) => ({
        ...s,
        incremental: s.session?.incrementalSmall,
      }));
    } else list = entry.samples;
    const good = ok(list);
    const first = summary(good.map((s) => s.ms));
    const heap = summary(good.map((s) => s.heap?.jsHeapUsed));
    const inc = summary(good.map((s) => s.incremental?.ms));
    const lt = longTaskSummary(good);
    incs.push([Number(size), inc]);
    lines.push(
      `| ${Number(size).toLocaleString('en')} | ${good.length}${list.length > good.length ? ` (+${list.length - good.length} failed)` : ''} | ${range(first, sec)} | ${range(heap, mib)} | ${lt.counts.n ? `${lt.counts.median}, ${ms(lt.max)}` : '—'} | ${range(inc, ms)} |`,
    );
  }
  lines.push('');
  const measured = incs.filter(([, s]) => s.n);
  if (measured.length >= 2) {
    const small = measured[0][1];
    const big = measured[measured.length - 1][1];
    const ratio = big.median / small.median;
    lines.push(
      `Incremental sync at ${measured[measured.length - 1][0].toLocaleString('en')} ÷ at ${measured[0][0].toLocaleString('en')}: ${x(ratio)}.`,
      '',
    );
    // "Within noise": the larger median inside the smaller size's spread, or within 25 %.
    const within = big.median <= Math.max(small.max, small.median * 1.25);
    targets.push([
      'Incremental sync of 10 changes flat from the smallest to the largest size',
      `${ms(small.median)} → ${ms(big.median)}`,
      verdict(within),
    ]);
  }
}

export function renderMarkdown(results) {
  const { machine, options, phases } = results;
  const lines = [];
  const targets = [];
  lines.push('# Neighborly benchmarks', '');
  lines.push(
    `Generated by \`npm run bench\` (bench/run.mjs) on ${machine?.date ?? '?'}; every figure is also in [results.json](results.json). How the bench works and what the numbers mean: [README.md](README.md).`,
    '',
  );
  lines.push('## Machine', '');
  if (machine) {
    lines.push(
      `- CPU: ${machine.cpu}, ${machine.cores} cores; RAM ${machine.memoryGiB} GiB; ${machine.os}`,
    );
    lines.push(
      `- Node ${machine.node}; Chromium ${machine.chromium} (headless, a fresh persistent profile per run)`,
    );
    lines.push(
      `- Load average (1/5/15 min) at the start: ${machine.loadAverage.join(' / ')}; at the end: ${(results.loadAverageEnd ?? []).join(' / ')}. The machine is shared: other work ran during the bench, so absolute times are pessimistic; contenders were interleaved run by run so the ratios stay fair.`,
    );
  }
  lines.push(
    `- Data: ${results.seed?.records ?? '?'} requests (~1.2 KB of JSON each, varied text, 10 categories, 3 urgencies, 12 neighbourhoods) in one group, written with nano \`_bulk_docs\` into the group's database of the embedded database (express-pouchdb on LevelDB, response compression on); Neighborly pulls them through the real sync-server.`,
  );
  lines.push(
    `- Runs: ${options.runs} per contender (medians, with min – max); growth: ${options.growthRuns} runs per size, ${options.bigRuns} at 50,000 and above; queries: ${options.queryRuns} runs each. Whole bench: ${Math.round(results.totalSeconds ?? 0)} s.`,
    '',
  );

  const body = [];
  if (phases['first-sync']) firstSyncSection(phases['first-sync'], body, targets);
  if (phases['first-sync']) sessionSection(phases['first-sync'], options, body);
  const q = phases.queries?.from
    ? ok(phases['first-sync']?.samples?.neighborly ?? []).find((s) => s.session?.queries)?.session
        .queries
    : phases.queries;
  if (options.phases.includes('queries')) queriesSection(q, body, targets);
  if (options.phases.includes('cold-start')) coldSection(phases['cold-start'], body, targets);
  if (options.phases.includes('bundle')) bundleSection(phases.bundle, body, targets);
  if (options.phases.includes('server')) serverSection(phases.server, body, targets);
  if (options.phases.includes('growth'))
    growthSection(phases.growth, phases['first-sync'], options, body, targets);

  lines.push('## Targets (issue 6)', '');
  lines.push('| target | measured | verdict |', '|---|---|---|');
  for (const [name, value, v] of targets) lines.push(`| ${name} | ${value} | ${v} |`);
  lines.push('');
  lines.push(...body);
  const errors = Object.entries(results.errors ?? {});
  if (errors.length) {
    lines.push('## Phases that failed', '');
    for (const [name, error] of errors) lines.push(`- **${name}**: \`${error.split('\n')[0]}\``);
    lines.push('');
  }
  return lines.join('\n');
}

export async function writeReport(results, out) {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'results.json'), JSON.stringify(results, null, 1) + '\n');
  // Formatted as the repository's prettier gate wants it, so a bench run leaves a committable
  // file (npm test checks formatting of bench/RESULTS.md).
  const file = join(out, 'RESULTS.md');
  const config = (await prettier.resolveConfig(file)) ?? {};
  const markdown = await prettier.format(renderMarkdown(results) + '\n', {
    ...config,
    filepath: file,
  });
  writeFileSync(file, markdown);
}
