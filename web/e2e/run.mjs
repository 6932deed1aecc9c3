// `npm run test:e2e`: the browser tests against the real server. Builds nothing: it expects the
// server binary (LEADSCORE_BIN, default ../build/leadscore) and the built app (web/dist).
// Each flow file starts its own `leadscore serve` on a free port with a fresh SQLite database
// and stops it. Exits non-zero when a test fails or cannot run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { missingPrerequisite, webDir } from './lib/paths.mjs';

const missing = missingPrerequisite();
if (missing) {
  console.error(`e2e: cannot run: ${missing}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}

const only = process.argv.slice(2);
const flowsDir = join(webDir, 'e2e', 'flows');
const files = readdirSync(flowsDir)
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
  .map((f) => join(flowsDir, f));

const run = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(webDir, 'e2e', 'summary-reporter.mjs')}`,
    '--test-reporter-destination=stdout',
    ...files,
  ],
  { cwd: webDir, stdio: 'inherit', env: { ...process.env, TZ: 'Asia/Jakarta' } },
);
process.exit(run.status ?? 1);
