// One field spec for every form (docs/FIELDS.md), in the Indonesian UI: the lead form shows the
// fields of the data's own layout and refuses an age of 150 next to the field, as the import
// does; what-if refuses an age of 500 and clears the result it showed before; the predictor
// refuses a negative income and clears its persona.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser, signIn } from '../lib/browser.mjs';
import { ApiSession } from '../lib/api.mjs';
import { dataDir } from '../lib/paths.mjs';
import { writeLeadFiles } from '../lib/fixtures.mjs';
import { admin, createAdmin, freshDatabase, startServer } from '../lib/server.mjs';

let db;
let server;
let browser;
let api;

before(async () => {
  db = freshDatabase();
  createAdmin(db);
  server = await startServer(db);
  api = new ApiSession(server.url);
  await api.login(admin.username, admin.password);
  const files = writeLeadFiles(db.dir);
  await api.call('POST', '/api/leads/import', readFileSync(files.good, 'utf8'), 'text/csv');
  await api.call('POST', '/api/models/train', {});
  browser = await openBrowser(server.url);
  await signIn(browser.page, admin.username, admin.password);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  db?.remove();
});

test('the lead form shows the data layout, refuses age 150 next to the field and saves nothing', async () => {
  const { page } = browser;
  await page.goto('/admin/leads');
  await page.getByTestId('manage-list').waitFor();
  const before = (await api.call('GET', '/api/leads?size=1')).total;
  await page.getByRole('button', { name: 'Tambah lead' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Nama', { exact: true }).fill('Nasabah Uji');
  // bank-additional data: no balance (bank-full's), no indicators or month (the campaign's), no duration.
  for (const hidden of ['Saldo rata-rata tahunan', 'Suku bunga Euribor 3 bulan', 'Bulan kontak terakhir', 'Durasi panggilan terakhir (detik)']) {
    assert.equal(await dialog.getByLabel(hidden).count(), 0, hidden);
  }
  await dialog.getByLabel('Pekerjaan').selectOption('technician');
  const age = dialog.getByLabel('Usia');
  await age.fill('150');
  await dialog.getByRole('button', { name: 'Tambah lead' }).click();
  const message = dialog.getByText('Harus antara 17 dan 120.');
  await message.waitFor();
  // Next to the field: the input points at it.
  const described = await age.getAttribute('aria-describedby');
  assert.equal(await message.getAttribute('id'), described);
  assert.equal((await api.call('GET', '/api/leads?size=1')).total, before);

  // A fraction is refused too; a good age saves.
  await age.fill('41,5');
  await dialog.getByRole('button', { name: 'Tambah lead' }).click();
  await dialog.getByText('Harus berupa bilangan bulat.').waitFor();
  await age.fill('41');
  await dialog.getByRole('button', { name: 'Tambah lead' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await api.call('GET', '/api/leads?size=1')).total, before + 1);
});

test('what-if refuses age 500 next to the field and clears the result it showed', async () => {
  const { page } = browser;
  await page.goto('/what-if');
  await page.getByRole('button', { name: 'Hitung skor' }).click();
  const result = page.getByTestId('what-if-result');
  await result.waitFor({ timeout: 60_000 });
  assert.match(await result.innerText(), /%/);

  await page.getByLabel('Usia').fill('500');
  await page.getByRole('button', { name: 'Hitung skor' }).click();
  await page.getByText('Harus antara 17 dan 120.').waitFor();
  assert.equal(await result.count(), 0);
  assert.equal(await page.getByText(/Usia = 500/).count(), 0);
  await page.getByText('Isi data nasabah lalu tekan "Hitung skor".').waitFor();
});

test('the predictor refuses a negative income and clears its persona', async () => {
  const mall = readFileSync(join(dataDir, 'Mall_Customers.csv'), 'utf8');
  await api.call('POST', '/api/segments', {
    name: 'Mall', source: 'csv', csv: mall, features: ['Annual Income (k$)', 'Spending Score (1-100)'], k: 5, make_default: true,
  });
  const { page } = browser;
  await page.goto('/segments');
  const form = page.getByTestId('predict-form');
  await form.getByLabel('Annual Income (k$)').fill('90');
  await form.getByLabel('Spending Score (1-100)').fill('85');
  await form.getByRole('button', { name: 'Prediksi' }).click();
  await page.getByTestId('predict-result').waitFor();

  await form.getByLabel('Annual Income (k$)').fill('-5');
  await form.getByLabel('Spending Score (1-100)').fill('500');
  await form.getByRole('button', { name: 'Prediksi' }).click();
  await form.getByText('Harus antara 0 dan 100.000.').waitFor();
  await form.getByText('Harus antara 1 dan 100.').waitFor();
  assert.equal(await page.getByTestId('predict-result').count(), 0);
});
