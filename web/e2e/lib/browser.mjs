// Debian's chromium driven by playwright-core, never a downloaded browser. Each actor (admin,
// sales A, sales B) gets their own browser with a fresh profile directory, so their session
// cookies never mix. Laptop width by default.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from './paths.mjs';

const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const laptop = { width: 1366, height: 900 };
export const phone = { width: 390, height: 844 };

// A browser with one page on `baseURL`. close() also removes its profile directory.
export async function openBrowser(baseURL, { viewport = laptop, locale = 'id-ID' } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'leadscore-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args,
    headless: true,
    baseURL,
    viewport,
    locale,
    timezoneId: 'Asia/Jakarta',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return {
    context,
    page,
    problems,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// The id of the lead a link opens: `/leads/42`, or `/leads/42?sort=rank&pos=3` from a list.
export function leadIdOf(href) {
  return Number(new URL(href, 'http://localhost').pathname.split('/').pop());
}

// Signs in through the login form and waits for the role's home page.
export async function signIn(page, username, password) {
  await page.goto('/login');
  await page.getByLabel(/Nama pengguna|Username/).fill(username);
  await page.getByLabel(/Kata sandi|Password/).fill(password);
  await page.getByRole('button', { name: /^(Masuk|Sign in)$/ }).click();
  await page.waitForURL(/\/(admin|sales)$/);
}
