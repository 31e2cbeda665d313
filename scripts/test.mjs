// `npm test`: every gate and every test, in order, stopping at the first failure.
// `node scripts/test.mjs --from <step>` resumes at a step (e.g. --from build);
// `--list` prints the step names.
import { bin, run } from './lib/processes.mjs';

const node = process.execPath;

/** @type {{ name: string; title: string; commands: [string, string[]][] }[]} */
const steps = [
  { name: 'i18n', title: 'Compile messages (Paraglide)', commands: [[node, ['scripts/i18n.mjs']]] },
  {
    name: 'format',
    title: 'Formatting (prettier --check)',
    commands: [[bin('prettier'), ['--check', '.']]],
  },
  {
    name: 'lint',
    title: 'Lint (eslint, no warnings)',
    commands: [[bin('eslint'), ['--max-warnings', '0', '.']]],
  },
  {
    name: 'svelte-check',
    title: 'Types of the app (svelte-check, no warnings)',
    commands: [
      [bin('svelte-kit'), ['sync']],
      [bin('svelte-check'), ['--fail-on-warnings', '--tsconfig', './tsconfig.json']],
    ],
  },
  {
    name: 'tsc-server',
    title: 'Types of the sync-server (tsc --noEmit)',
    commands: [[bin('tsc'), ['--noEmit', '-p', 'sync-server/tsconfig.json']]],
  },
  {
    name: 'unit',
    title: 'Unit tests (vitest)',
    commands: [[bin('vitest'), ['run', '--project', 'unit']]],
  },
  {
    name: 'integration',
    title: 'Integration tests against the real sync-server (vitest)',
    commands: [[bin('vitest'), ['run', '--project', 'integration']]],
  },
  { name: 'build', title: 'Build (vite build)', commands: [[bin('vite'), ['build']]] },
  { name: 'bundle', title: 'Bundle budget', commands: [[node, ['scripts/check-bundle.mjs']]] },
  {
    name: 'chromium',
    title: 'Chromium for Playwright',
    commands: [[node, ['scripts/ensure-chromium.mjs']]],
  },
  {
    name: 'bench-smoke',
    title: 'Benchmark smoke run (tiny npm run bench, vitest)',
    commands: [[bin('vitest'), ['run', '--project', 'bench']]],
  },
  {
    name: 'e2e',
    title: 'End-to-end tests (Playwright, Chromium)',
    commands: [[bin('playwright'), ['test']]],
  },
];

const args = process.argv.slice(2);
if (args.includes('--list')) {
  for (const step of steps) console.log(`${step.name.padEnd(14)} ${step.title}`);
  process.exit(0);
}
const fromIndex = args.indexOf('--from');
let first = 0;
if (fromIndex !== -1) {
  first = steps.findIndex((step) => step.name === args[fromIndex + 1]);
  if (first === -1) {
    console.error(
      `unknown step "${args[fromIndex + 1]}"; steps: ${steps.map((s) => s.name).join(', ')}`,
    );
    process.exit(2);
  }
}

const startedAll = Date.now();
const passed = [];
for (const [index, step] of steps.entries()) {
  if (index < first) continue;
  console.log(`\n=== [${index + 1}/${steps.length}] ${step.title} ===`);
  const started = Date.now();
  for (const [command, commandArgs] of step.commands) {
    const code = await run(command, commandArgs);
    if (code !== 0) {
      const seconds = ((Date.now() - startedAll) / 1000).toFixed(0);
      console.error(
        `\nnpm test: FAILED at "${step.name}" (${step.title}) after ${passed.length} passing step(s), ${seconds} s.` +
          `\nFix it, then resume with: node scripts/test.mjs --from ${step.name}`,
      );
      process.exit(code);
    }
  }
  passed.push(`${step.name} ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

const seconds = ((Date.now() - startedAll) / 1000).toFixed(0);
console.log(
  `\nnpm test: all ${passed.length} steps passed in ${seconds} s (${passed.join(', ')}).`,
);
