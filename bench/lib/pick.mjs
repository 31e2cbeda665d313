// Which records the server "changes": spread over the data set, different per run.
import { prng } from './records.mjs';

export function pickIds(records, count, seed) {
  const random = prng(seed);
  const chosen = new Set();
  const n = Math.min(count, records.length);
  while (chosen.size < n) chosen.add(records[Math.floor(random() * records.length)].id);
  return [...chosen];
}
