import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
export function writeReport(results, out) {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'results.json'), JSON.stringify(results, null, 1));
}
