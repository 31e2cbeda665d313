// What the numbers were measured on: CPU, cores, memory, Node and Chromium.
import os from 'node:os';
import { chromiumVersion } from './browser.mjs';

export async function machineInfo(tmp) {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: await chromiumVersion(tmp),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
