// Customer segmentation: the admin builds personas from the bundled Mall Customers file, and
// the predictor places a new customer; a sales person sees the same page and predicts too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser, signIn } from '../lib/browser.mjs';
import { dataDir } from '../lib/paths.mjs';
import { admin, createAdmin, freshDatabase, startServer } from '../lib/server.mjs';
import { ApiSession } from '../lib/api.mjs';
import { salesA } from '../lib/setup.mjs';

let db;
let server;
let browser;

before(async () => {
  db = freshDatabase();
  createAdmin(db);
  server = await startServer(db);
  const api = new ApiSession(server.url);
  await api.login(admin.username, admin.password);
  await api.call('POST', '/api/users', { username: salesA.username, display_name: salesA.display_name, password: salesA.password });
  browser = await openBrowser(server.url);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  db?.remove();
});

async function predict(page, income, spending) {
  const form = page.getByTestId('predict-form');
  await form.getByLabel('Annual Income (k$)').fill(String(income));
  await form.getByLabel('Spending Score (1-100)').fill(String(spending));
  await form.getByRole('button', { name: 'Prediksi' }).click();
  const result = page.getByTestId('predict-result');
  await result.waitFor();
  return result.innerText();
}

test('admin builds a segmentation from Mall_Customers.csv and sees its charts and personas', async () => {
  const { page } = browser;
  await signIn(page, admin.username, admin.password);
  await page.getByRole('link', { name: 'Segmentasi' }).click();
  await page.getByText('Belum ada segmentasi.').waitFor();
  await page.getByLabel('Berkas CSV nasabah').setInputFiles(join(dataDir, 'Mall_Customers.csv'));
  await page.getByLabel('Annual Income (k$)').waitFor({ state: 'attached' });
  // CustomerID numbers the rows: not offered, and the form says why.
  assert.equal(await page.getByTestId('build-form').getByLabel('CustomerID', { exact: true }).count(), 0);
  assert.match(await page.getByTestId('id-columns').innerText(), /CustomerID/);
  await page.getByRole('button', { name: 'Bangun' }).click();
  await page.getByTestId('persona-cards').waitFor({ timeout: 60_000 });
  await page.getByTestId('scatter-chart').locator('canvas').waitFor();
  await page.getByTestId('elbow-chart').locator('canvas').waitFor();
  const cards = await page.getByTestId('persona-cards').locator('article').count();
  assert.ok(cards >= 2 && cards <= 10, `k = ${cards}`);
  const names = await page.getByTestId('persona-cards').innerText();
  assert.match(names, /Target/);
});

test('the predictor names the persona of a new customer', async () => {
  const { page } = browser;
  const rich = await predict(page, 120, 90);
  assert.match(rich, /Klaster \d+: .*Target/);
  const careful = await predict(page, 120, 10);
  assert.doesNotMatch(careful, /Target/);
});

test('a sales person predicts on the same segmentation', async () => {
  const sales = await openBrowser(server.url);
  try {
    await signIn(sales.page, salesA.username, salesA.password);
    await sales.page.getByRole('link', { name: 'Segmentasi' }).first().click();
    assert.equal(await sales.page.getByTestId('build-form').count(), 0);
    assert.match(await predict(sales.page, 20, 85), /Klaster \d+: /);
    assert.deepEqual(sales.problems, []);
  } finally {
    await sales.close();
  }
  assert.deepEqual(browser.problems, []);
});

test('the default segmentation of bank-additional leads (no balance) names its personas honestly', async () => {
  const { page } = browser;
  const api = new ApiSession(server.url);
  await api.login(admin.username, admin.password);
  const lines = readFileSync(join(dataDir, 'bank-additional-train.csv'), 'utf8').split(/\r?\n/).slice(0, 801);
  await api.call('POST', '/api/leads/import', lines.join('\n') + '\n', 'text/csv');
  await page.reload();
  const form = page.getByTestId('build-form');
  await form.getByLabel('Sumber data').selectOption('leads');
  // The server's default pair, by the columns' Indonesian labels; no balance on this layout.
  await form.getByLabel('Jumlah panggilan kampanye ini').waitFor({ state: 'attached' });
  assert.ok(await form.getByLabel('Usia', { exact: true }).isChecked());
  assert.ok(await form.getByLabel('Jumlah panggilan kampanye ini').isChecked());
  assert.equal(await form.getByLabel('Saldo rata-rata tahunan').count(), 0);
  await form.getByLabel('Jumlah klaster k').fill('3');
  await form.getByRole('button', { name: 'Bangun' }).click();
  await page.getByText(/Rata-rata kelompok: Usia/).first().waitFor({ timeout: 60_000 });
  const cards = page.getByTestId('persona-cards').locator('article h3');
  await cards.first().waitFor();
  const names = await cards.allInnerTexts();
  assert.equal(new Set(names).size, names.length, `names repeat: ${names}`);
  for (const name of names) assert.doesNotMatch(name, /campaign|calls/i, 'Indonesian names on an Indonesian page');
  assert.ok(names.filter((n) => /Banyak panggilan/.test(n)).length < names.length, `every cluster "many calls": ${names}`);
  assert.match(await page.getByTestId('persona-cards').innerText(), /Rata-rata kelompok: Usia \d+(,\d)?, Jumlah panggilan kampanye ini \d/);
  assert.deepEqual(browser.problems, []);
});
