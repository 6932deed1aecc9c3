// The admin's first day on a fresh database: sign in, create two sales, import leads (a file
// with bad rows is refused with its line numbers first), train a model, refresh the scores and
// watch the progress bar finish.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser } from '../lib/browser.mjs';
import { admin, createAdmin, freshDatabase, startServer } from '../lib/server.mjs';
import { writeHistoryFile, writeLeadFiles } from '../lib/fixtures.mjs';
import { salesA, salesB } from '../lib/setup.mjs';

let db;
let server;
let browser;
let files;

before(async () => {
  db = freshDatabase();
  createAdmin(db);
  files = writeLeadFiles(db.dir);
  server = await startServer(db);
  browser = await openBrowser(server.url);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  db?.remove();
});

test('admin signs in from the landing page and sees the header', async () => {
  const { page } = browser;
  await page.goto('/');
  await page.getByRole('link', { name: 'Masuk' }).click();
  await page.getByLabel('Nama pengguna').fill(admin.username);
  await page.getByLabel('Kata sandi').fill('wrong-password');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('alert').waitFor();
  await page.getByLabel('Kata sandi').fill(admin.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(/\/admin$/);
  const header = page.getByTestId('current-user');
  assert.match(await header.innerText(), /Admin Bank/);
  assert.match(await header.innerText(), /Admin/);
  await page.getByRole('button', { name: 'en', exact: true }).click();
  await page.getByRole('button', { name: 'Refresh ML Scores' }).waitFor();
  await page.getByRole('button', { name: 'id', exact: true }).click();
  await page.getByRole('button', { name: 'Refresh Skor ML' }).waitFor();
});

test('admin creates two sales accounts', async () => {
  const { page } = browser;
  await page.getByRole('link', { name: 'Pengguna' }).click();
  for (const sales of [salesA, salesB]) {
    await page.getByRole('button', { name: 'Tambah sales' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nama pengguna').fill(sales.username);
    await dialog.getByLabel('Nama tampilan').fill(sales.display_name);
    await dialog.getByLabel('Kata sandi (opsional)').fill(sales.password);
    await dialog.getByRole('button', { name: 'Tambah sales' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator(`[data-username="${sales.username}"]`).waitFor();
  }
  const rows = await page.getByTestId('user-table').locator('tbody tr').count();
  assert.equal(rows, 3);
});

test('a CSV with bad rows is refused with its line numbers, then the good file imports', async () => {
  const { page } = browser;
  await page.getByRole('link', { name: 'Kelola Data' }).click();
  await page.getByText('Tidak ada lead yang cocok.').waitFor();
  await page.getByLabel('Berkas CSV').setInputFiles(files.bad);
  await page.getByRole('button', { name: 'Impor' }).click();
  const report = page.getByTestId('row-errors');
  await report.waitFor();
  const text = await report.innerText();
  assert.match(text, /baris 3/);
  assert.match(text, /baris 5/);
  assert.doesNotMatch(text, /baris 2\b|baris 4\b|baris 6\b/);
  await page.reload();
  await page.getByText('Tidak ada lead yang cocok.').waitFor();

  await page.getByLabel('Berkas CSV').setInputFiles(files.good);
  await page.getByRole('button', { name: 'Impor' }).click();
  const done = page.getByTestId('import-report');
  await done.waitFor({ timeout: 60_000 });
  assert.match(await done.innerText(), new RegExp(`${files.count.toLocaleString('id-ID')} lead baru`));
  await page.getByTestId('manage-list').waitFor();
});

test('admin trains a model and it becomes active', async () => {
  const { page } = browser;
  await page.getByRole('link', { name: 'Model' }).click();
  await page.getByText('Belum ada model.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Latih model baru' }).click();
  const notice = page.getByTestId('model-notice');
  await notice.waitFor({ timeout: 120_000 });
  assert.match(await notice.innerText(), /sekarang aktif/);
  // Why, from the note's code: the first model is activated because none was.
  assert.match(await notice.innerText(), /Diaktifkan: belum ada model yang aktif\./);
  assert.doesNotMatch(await notice.innerText(), /activated/);
  await page.locator('[data-active="true"]').waitFor();
  await page.getByText('Kurva ROC', { exact: false }).waitFor();
});

test('the Model page shows the backtest and the campaign; history imports on Kelola Data', async () => {
  const { page } = browser;
  await page.getByTestId('backtest-card').waitFor();
  // Trained on the labelled leads of the import: none yet from history or from the portal.
  assert.match(await page.getByTestId('backtest-training-data').innerText(), /0 dari riwayat.*0 hasil dari portal/);
  assert.match(await page.getByTestId('backtest-lift').innerText(), /10 %|10%/);
  await page.getByTestId('campaign-card').waitFor();
  assert.match(await page.getByTestId('campaign-mode').innerText(), /setiap lead diskor dengan nilai ini/);

  const history = writeHistoryFile(db.dir);
  await page.getByRole('link', { name: 'Kelola Data' }).click();
  await page.getByTestId('history-import-card').waitFor();
  await page.getByLabel('Berkas riwayat (CSV)').setInputFiles(history.file);
  await page.getByRole('button', { name: 'Unggah riwayat' }).click();
  const report = page.getByTestId('history-import-report');
  await report.waitFor({ timeout: 30_000 });
  assert.match(await report.innerText(), new RegExp(`${history.count} baris diimpor`));
  assert.match(await page.getByTestId('history-counts').innerText(), new RegExp(`${history.count} baris riwayat`));
  await page.getByRole('link', { name: 'Model' }).click();
  await page.getByTestId('campaign-card').waitFor();
  assert.match(await page.getByTestId('campaign-source').innerText(), /riwayat kampanye/);
  assert.deepEqual(browser.problems, []);
});

test('"Refresh Skor ML" shows a progress bar that finishes', async () => {
  const { page } = browser;
  await page.getByRole('link', { name: 'Dasbor' }).click();
  await page.getByRole('button', { name: 'Refresh Skor ML' }).click();
  const bar = page.getByRole('progressbar');
  await bar.waitFor();
  await page.getByTestId('refresh-done').waitFor({ timeout: 120_000 });
  assert.equal(await bar.getAttribute('aria-valuenow'), '100');
  const first = page.getByTestId('lead-row').first();
  assert.match(await first.innerText(), /\d+,\d%/);
  assert.deepEqual(browser.problems, []);
});

test('the KPI tiles count every lead by status', async () => {
  const { page } = browser;
  await page.goto('/admin');
  const kpis = await page.getByTestId('kpis').innerText();
  assert.match(kpis, new RegExp(`Lead\\s*${files.count.toLocaleString('id-ID').replace('.', '\\.')}`, 'i'));
  assert.match(kpis, /Sudah Dihubungi\s*0/i);
  // the score histogram the server counted
  await page.locator('[data-testid="score-histogram"] canvas').waitFor();
});
