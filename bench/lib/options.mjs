// Bench options from the command line: `node bench/run.mjs [--smoke] [--runs=5]
// [--records=10000] [--query-runs=1000] [--growth=1000,10000,50000] [--growth-runs=5]
// [--big-runs=3] [--only=first-sync,session,queries,cold-start,bundle,server,growth]
// [--out=bench] [--build] [--keep]`. `--smoke` is a tiny run that proves the bench works (npm test runs it).
export const ALL_PHASES = [
  'first-sync',
  'session',
  'queries',
  'cold-start',
  'bundle',
  'server',
  'growth',
];

export function parseOptions(argv = process.argv.slice(2)) {
  const flags = Object.fromEntries(
    argv.map((arg) => {
      const [key, value] = arg.replace(/^--/, '').split('=');
      return [key, value ?? 'true'];
    }),
  );
  const smoke = flags.smoke === 'true';
  const num = (name, fallback) => (flags[name] === undefined ? fallback : Number(flags[name]));
  const list = (name, fallback) =>
    flags[name] === undefined ? fallback : flags[name].split(',').filter(Boolean);
  return {
    smoke,
    records: num('records', smoke ? 300 : 10_000),
    runs: num('runs', smoke ? 1 : 5),
    diagRuns: num('diag-runs', smoke ? 0 : 2),
    queryRuns: num('query-runs', smoke ? 30 : 1000),
    changed: num('changed', smoke ? 10 : 100),
    offlineEdits: num('edits', smoke ? 20 : 1000),
    growth: list('growth', smoke ? ['100'] : ['1000', '10000', '50000']).map(Number),
    growthRuns: num('growth-runs', smoke ? 1 : 5),
    // The 50,000 point takes long: fewer runs there (the report says so).
    bigRuns: num('big-runs', smoke ? 1 : 2),
    growthChanges: num('growth-changes', 10),
    // Incremental syncs of `growthChanges` per growth run (their median is the run's figure).
    incRounds: num('inc-rounds', smoke ? 1 : 5),
    coldRuns: num('cold-runs', smoke ? 1 : 5),
    serverSeconds: num('server-seconds', smoke ? 1 : 10),
    phases: list('only', ALL_PHASES),
    out: flags.out ?? (smoke ? null : 'bench'),
    keep: flags.keep === 'true',
    build: flags.build === 'true',
    // Smoke: a fixed number of requests per load (a duration may see none complete).
    serverAmount: smoke ? 6 : null,
  };
}
