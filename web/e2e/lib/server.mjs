// Runs the real `leadscore serve` for the browser tests: a free loopback port, a SQLite
// database in a temporary folder, the built web app, and optionally the clock moved forward
// (--clock-offset, hours) to see what a sales person sees a day later. stop() ends only the
// process it started.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distDir, rootDir, serverBin } from './paths.mjs';

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

// A fresh database folder; remove() deletes it.
export function freshDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-e2e-'));
  return { dir, url: `sqlite:${join(dir, 'leadscore.db')}`, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// Runs a CLI subcommand against the database and returns its output; throws on failure.
// `input` goes to its standard input (where `user add` reads a password).
export function cli(db, args, input = '') {
  const run = spawnSync(serverBin, ['--db', db.url, ...args], { cwd: rootDir, encoding: 'utf8', input, timeout: 120_000 });
  if (run.status !== 0) throw new Error(`leadscore ${args.join(' ')} failed (${run.status}): ${run.stderr || run.stdout}`);
  return run.stdout;
}

export const admin = { username: 'admin', password: 'admin-e2e-password' };

// The first admin of a fresh database, created the way an operator does it.
export function createAdmin(db) {
  cli(db, ['user', 'add', admin.username, '--role', 'admin', '--display-name', 'Admin Bank'], `${admin.password}\n`);
}

async function waitHealthy(url, child, output, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`leadscore serve exited with ${child.exitCode}:\n${output.join('')}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`leadscore serve did not become healthy within ${timeoutMs} ms:\n${output.join('')}`);
}

export async function startServer(db, { clockOffsetHours = 0 } = {}) {
  const port = await freePort();
  const args = ['--db', db.url, 'serve', '--host', '127.0.0.1', '--port', String(port), '--web-dir', distDir];
  if (clockOffsetHours) args.push('--clock-offset', String(clockOffsetHours));
  const child = spawn(serverBin, args, { cwd: rootDir, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stdout.on('data', (d) => output.push(String(d)));
  child.stderr.on('data', (d) => output.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, child, output);
  } catch (err) {
    child.kill('SIGTERM');
    throw err;
  }
  return {
    url,
    output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
