// `npm run dev`: the sync-server (restarted by tsx on every change) and Vite's dev
// server with hot reload, which proxies /api to the sync-server. Open the URL Vite
// prints (http://localhost:5173). Ctrl-C stops both; if one exits, so does the other.
import { spawn } from 'node:child_process';
import { bin } from './lib/processes.mjs';

const serverPort = process.env.PORT || '8080';
const children = [];

function start(name, command, args, env) {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code, signal) => {
    console.log(`${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest`);
    stopAll(code ?? 1);
  });
  children.push(child);
}

let stopping = false;
function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
  // Give the server time to close its database, then leave.
  setTimeout(() => process.exit(exitCode), 3000).unref();
  Promise.all(children.map((child) => new Promise((done) => child.once('exit', done)))).then(() =>
    process.exit(exitCode),
  );
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

start('sync-server', bin('tsx'), ['watch', '--clear-screen=false', 'sync-server/main.ts'], {
  PORT: serverPort,
  HOST: process.env.HOST || '127.0.0.1',
  DATA_DIR: process.env.DATA_DIR || './data',
});
start('vite', bin('vite'), ['dev'], {
  SYNC_SERVER_URL: process.env.SYNC_SERVER_URL || `http://127.0.0.1:${serverPort}`,
});
