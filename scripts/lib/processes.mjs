// Child-process helpers shared by the start, dev, test and e2e scripts.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** Path of a binary installed in node_modules/.bin (always the project's own version). */
export function bin(name) {
  return join(process.cwd(), 'node_modules', '.bin', name);
}

/**
 * Runs a command with inherited stdio and resolves with its exit code
 * (1 when it could not be started or was killed by a signal).
 */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    child.on('error', (error) => {
      console.error(`could not run ${command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}

/**
 * Runs the sync-server (TypeScript through tsx's loader, in one node process) as
 * the long-lived child of this script: SIGINT/SIGTERM are passed on (the server's
 * shutdown is idempotent, so a Ctrl-C that reaches both is harmless) and this
 * process exits with the server's exit code.
 */
export function runServerForeground(env, extraNodeArgs = []) {
  const child = spawn(
    process.execPath,
    [...extraNodeArgs, '--import', 'tsx', 'sync-server/main.ts'],
    { stdio: 'inherit', env },
  );
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  process.on('SIGHUP', () => forward('SIGTERM'));
  child.on('error', (error) => {
    console.error(`could not start the sync-server: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
  return child;
}
