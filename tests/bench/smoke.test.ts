import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The benchmark suite (bench/run.mjs, `npm run bench`) run with tiny sizes (`--smoke`), so
 * its code cannot rot: the real sync-server, embedded database, bench proxy and Chromium, a
 * few hundred records. It proves every phase runs and measures what it claims; the numbers
 * themselves are only checked for sanity. Cold start and bundle need the built app (build/):
 * without it they report themselves skipped.
 */
const out = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Sample {
  ms: number;
  docs: number;
  error?: string;
  bytes: { wire: number; decoded: number };
  session?: {
    incremental: { received: number };
    push: { tally: { applied: number; rejected: number }; outbox: number };
    queries?: Record<string, { samples: number[] }>;
  };
}

/** Resolves with the run's exit code, output and duration (the CLI, as `npm run bench` runs). */
function runSmoke(): Promise<{ code: number | null; output: string; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bench/run.mjs', '--smoke', `--out=${out}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => resolve({ code, output, seconds: (Date.now() - started) / 1000 }));
  });
}

describe('bench smoke run', () => {
  let run: { code: number | null; output: string; seconds: number };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- results.json is untyped JSON
  let results: any;
  beforeAll(async () => {
    run = await runSmoke();
    const file = join(out, 'results.json');
    results = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  }, 300_000);

  it('completes every phase without an error and writes both reports', () => {
    expect(run.output).not.toContain('FAILED');
    expect(run.code).toBe(0);
    expect(results.errors).toEqual({});
    expect(readFileSync(join(out, 'RESULTS.md'), 'utf8')).toContain('## Targets (issue 6)');
  });

  it('syncs the same seeded documents three ways: Neighborly, PouchDB and the floor', () => {
    const samples = results.phases['first-sync'].samples as Record<string, Sample[]>;
    const records = results.seed.records as number;
    const [neighborly] = samples.neighborly!;
    const [pouch] = samples.pouchDefault!;
    const [floor] = samples.floor!;
    expect(neighborly!.error).toBeUndefined();
    expect(neighborly!.docs).toBe(records);
    // PouchDB and the floor also receive the group database's design documents.
    expect(pouch!.docs).toBeGreaterThanOrEqual(records);
    expect(floor!.docs).toBeGreaterThanOrEqual(records);
    for (const sample of [neighborly!, pouch!, floor!]) {
      expect(sample.ms).toBeGreaterThan(0);
      expect(sample.bytes.wire).toBeGreaterThan(0);
      // The servers compress JSON: fewer bytes on the wire than decoded.
      expect(sample.bytes.wire).toBeLessThan(sample.bytes.decoded);
    }
  });

  it('measures an incremental pull, an offline push and the local queries', () => {
    const session = (results.phases['first-sync'].samples.neighborly as Sample[])[0]!.session!;
    expect(session.incremental.received).toBe(results.options.changed);
    expect(session.push.tally.applied).toBe(results.options.offlineEdits);
    expect(session.push.tally.rejected).toBe(0);
    expect(session.push.outbox).toBe(0);
    for (const name of ['board', 'boardAll', 'search', 'myTasks']) {
      expect(session.queries![name]!.samples).toHaveLength(results.options.queryRuns);
    }
  });

  it('loads the server from a second process and compares it with nano', () => {
    const server = results.phases.server;
    expect(server.pushMax.total).toBeGreaterThan(0);
    expect(server.pullMax.total).toBeGreaterThan(0);
    expect(server.pushMax.non2xx + server.pullMax.non2xx).toBe(0);
    expect(server.overhead.write.ratio).toBeGreaterThan(0);
    expect(server.overhead.read.ratio).toBeGreaterThan(0);
  });

  it('measures first sync, memory and a small incremental sync per growth size', () => {
    for (const entry of Object.values(results.phases.growth.sizes) as { samples: Sample[] }[]) {
      for (const sample of entry.samples) {
        expect(sample.error).toBeUndefined();
        expect(sample.ms).toBeGreaterThan(0);
      }
    }
  });

  it('measures cold start offline and the bundle when the app is built', () => {
    const cold = results.phases['cold-start'];
    const bundle = results.phases.bundle;
    if (!existsSync('build/index.html')) {
      expect(cold.skipped).toContain('build/');
      expect(bundle.skipped).toContain('build/');
      return;
    }
    expect(cold.unthrottled.n).toBe(1);
    expect(cold.throttled4x.n).toBe(1);
    expect(cold.samples.unthrottled[0].rows).toBeGreaterThan(0);
    expect(bundle.browser.gzipBytes).toBeGreaterThan(0);
    expect(bundle.precache.entries).toBeGreaterThan(0);
  });
});
