// What the numbers were measured on: CPU, cores, memory, Node and Chromium.
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { chromiumPath } from '../../scripts/chromium.mjs';

function chromiumVersion() {
  try {
    const out = execFileSync(chromiumPath(), ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.match(/[\d.]+\.\d+/)?.[0] ?? out.trim();
  } catch {
    return 'unknown';
  }
}

export async function machineInfo() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: chromiumVersion(),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
