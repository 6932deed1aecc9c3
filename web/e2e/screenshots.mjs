// `npm run screenshots`: starts the real server on a fresh database with a day's worth of
// state (see lib/setup.mjs, plus some follow-ups and a Mall Customers segmentation), then
// saves a picture of every page to docs/screenshots/ at laptop width and a few at phone width.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { laptop, openBrowser, phone, signIn } from './lib/browser.mjs';
import { dataDir, missingPrerequisite, rootDir } from './lib/paths.mjs';
import { admin } from './lib/server.mjs';
import { ApiSession } from './lib/api.mjs';
import { salesA, salesB, startPortal } from './lib/setup.mjs';

const missing = missingPrerequisite();
if (missing) {
  console.error(`screenshots: ${missing}`);
  process.exit(1);
}
const outDir = join(rootDir, 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });

const portal = await startPortal();
const url = portal.server.url;

async function followUps() {
  const a = new ApiSession(url);
  await a.login(salesA.username, salesA.password);
  const b = new ApiSession(url);
  await b.login(salesB.username, salesB.password);
  const list = (await a.call('GET', '/api/leads?size=20')).items;
  const soon = new Date(Date.now() + 3 * 3600_000).toISOString();
  await a.call('POST', `/api/leads/${list[0].id}/status`, { status: 'contacted', note: 'Minta dihubungi lagi sore ini', callback_at: soon });
  await a.call('POST', `/api/leads/${list[1].id}/status`, { status: 'contacted' });
  await a.call('POST', `/api/leads/${list[1].id}/status`, { status: 'converted', note: 'Buka deposito 12 bulan' });
  await a.call('POST', `/api/leads/${list[2].id}/status`, { status: 'rejected', note: 'Sudah punya deposito di bank lain' });
  await b.call('POST', `/api/leads/${list[3].id}/status`, { status: 'contacted', note: 'Tertarik, minta brosur' });
  await b.call('POST', `/api/leads/${list[4].id}/status`, { status: 'converted' });
  const mall = readFileSync(join(dataDir, 'Mall_Customers.csv'), 'utf8');
  await portal.api.call('POST', '/api/segments', {
    name: 'Mall Customers', source: 'csv', csv: mall, features: ['Annual Income (k$)', 'Spending Score (1-100)'], make_default: true,
  });
  return list;
}

// A dialog is taken at the size of the screen, a page whole.
async function shot(page, name, ready, { fullPage = true } = {}) {
  if (ready) await ready(page);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(600); // chart animations
  await page.screenshot({ path: join(outDir, `${name}.png`), fullPage });
  console.log(`screenshots: ${name}.png`);
}

try {
  const leads = await followUps();
  const adminView = await openBrowser(url, { viewport: laptop });
  const p = adminView.page;
  await shot(p, 'landing', (pg) => pg.goto('/'));
  await shot(p, 'login', (pg) => pg.goto('/login'));
  await signIn(p, admin.username, admin.password);
  await shot(p, 'admin-dashboard', async (pg) => {
    await pg.getByRole('button', { name: 'Refresh Skor ML' }).click();
    await pg.getByTestId('refresh-done').waitFor({ timeout: 120_000 });
  });
  await shot(p, 'admin-users', (pg) => pg.goto('/admin/users'));
  const sari = (await portal.api.call('GET', '/api/users')).items.find((u) => u.username === salesA.username);
  await shot(p, 'admin-user-results', (pg) => pg.goto(`/admin/users/${sari.id}`));
  await shot(p, 'manage-leads', (pg) => pg.goto('/admin/leads'));
  await shot(p, 'models', async (pg) => {
    await pg.goto('/admin/models');
    await pg.getByText('Kurva ROC', { exact: false }).waitFor();
  });
  await shot(p, 'segments', async (pg) => {
    await pg.goto('/segments');
    await pg.getByTestId('persona-cards').waitFor();
    const form = pg.getByTestId('predict-form');
    await form.getByLabel('Annual Income (k$)').fill('110');
    await form.getByLabel('Spending Score (1-100)').fill('85');
    await form.getByRole('button', { name: 'Prediksi' }).click();
    await pg.getByTestId('predict-result').waitFor();
  });
  await shot(p, 'what-if', async (pg) => {
    await pg.goto('/what-if');
    await pg.getByRole('button', { name: 'Hitung skor' }).click();
    await pg.getByTestId('what-if-result').waitFor();
  });
  await p.getByRole('button', { name: 'en', exact: true }).click();
  await shot(p, 'admin-dashboard-en', (pg) => pg.goto('/admin'));
  await shot(p, 'models-en', async (pg) => {
    await pg.goto('/admin/models');
    await pg.getByTestId('campaign-card').waitFor();
  });
  await adminView.close();

  const adminPhone = await openBrowser(url, { viewport: phone });
  await signIn(adminPhone.page, admin.username, admin.password);
  await adminPhone.page.getByRole('button', { name: 'en', exact: true }).click();
  await shot(adminPhone.page, 'phone-models-en', async (pg) => {
    await pg.goto('/admin/models');
    await pg.getByTestId('backtest-card').waitFor();
  });
  await shot(adminPhone.page, 'phone-manage-leads-en', async (pg) => {
    await pg.goto('/admin/leads');
    await pg.getByTestId('history-import-card').waitFor();
  });
  await adminPhone.close();

  const sales = await openBrowser(url, { viewport: laptop });
  await signIn(sales.page, salesA.username, salesA.password);
  await shot(sales.page, 'sales-dashboard', (pg) => pg.getByTestId('lead-table').waitFor());
  await shot(sales.page, 'lead-detail', async (pg) => {
    await pg.goto(`/leads/${leads[0].id}`);
    await pg.getByTestId('status-history').waitFor();
  });
  await shot(sales.page, 'my-performance', (pg) => pg.goto('/performance'));
  await sales.close();

  const mobile = await openBrowser(url, { viewport: phone });
  await signIn(mobile.page, salesB.username, salesB.password);
  await shot(mobile.page, 'phone-sales-dashboard', (pg) => pg.getByTestId('lead-table').waitFor());
  await shot(mobile.page, 'phone-lead-detail', async (pg) => {
    await pg.goto(`/leads/${leads[5].id}`);
    await pg.getByRole('button', { name: 'Sudah Dihubungi' }).waitFor();
  });
  await shot(mobile.page, 'phone-change-password', async (pg) => {
    await pg.goto('/sales');
    await pg.getByRole('button', { name: 'Ubah kata sandi' }).click();
    await pg.getByTestId('change-password-form').waitFor();
  }, { fullPage: false });
  await mobile.close();
} finally {
  await portal.stop();
}
