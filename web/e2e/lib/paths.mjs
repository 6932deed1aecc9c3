// Where the browser tests find things: the web app's folder, the repository root, the server
// binary (LEADSCORE_BIN, default ../build/leadscore from web/) and the built app (web/dist).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const rootDir = resolve(webDir, '..');
export const dataDir = resolve(rootDir, 'data');
export const distDir = resolve(webDir, 'dist');
export const serverBin = resolve(webDir, process.env.LEADSCORE_BIN ?? '../build/leadscore');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Why the browser tests cannot run, or null when they can.
export function missingPrerequisite() {
  if (!existsSync(serverBin)) return `no server binary at ${serverBin} (build it, or set LEADSCORE_BIN)`;
  if (!existsSync(resolve(distDir, 'index.html'))) return `no built web app in ${distDir} (run npm run build)`;
  if (!existsSync(chromiumPath)) return `no chromium at ${chromiumPath} (install Debian's chromium)`;
  return null;
}
