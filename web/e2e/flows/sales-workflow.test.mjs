// Two sales people on one call list (docs/ARCHITECTURE.md, "Status rules and visibility"):
// A takes a lead and B sees who handles it
// and cannot change it; A converts it and B no longer sees it; a lead A rejects is hidden
// from B and comes back to everyone once the clock has moved 24 hours.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { leadIdOf, openBrowser, signIn } from '../lib/browser.mjs';
import { salesA, salesB, startPortal } from '../lib/setup.mjs';

let portal;
let a;
let b;
let converted; // { id, name }
let rejected;

before(async () => {
  portal = await startPortal();
  a = await openBrowser(portal.server.url);
  b = await openBrowser(portal.server.url);
  await signIn(a.page, salesA.username, salesA.password);
  await signIn(b.page, salesB.username, salesB.password);
});

after(async () => {
  await a?.close();
  await b?.close();
  await portal?.stop();
});

async function search(page, name) {
  await page.goto('/sales');
  await page.getByTestId('lead-table').waitFor();
  await page.getByPlaceholder('Cari nama atau telepon…').fill(name);
  await page.waitForFunction(
    (n) => {
      const rows = [...document.querySelectorAll('[data-testid="lead-row"]')];
      const empty = document.body.innerText.includes('Tidak ada lead yang cocok.');
      return empty || (rows.length > 0 && rows.every((r) => r.innerText.includes(n)));
    },
    name,
  );
  return page.getByTestId('lead-row');
}

async function leadOfRow(row) {
  const link = row.getByRole('link').first();
  const href = await link.getAttribute('href');
  return { id: leadIdOf(href), name: (await link.innerText()).trim() };
}

test('the call list is ranked by score for each sales person', async () => {
  await a.page.getByTestId('lead-table').waitFor();
  const ranks = await a.page.getByTestId('lead-row').evaluateAll((rows) => rows.map((r) => Number(r.querySelector('td').innerText)));
  assert.ok(ranks.length >= 10);
  assert.deepEqual(ranks, [...ranks].sort((x, y) => x - y));
  assert.equal(ranks[0], 1);
});

test('A marks a lead "Sudah Dihubungi"; B sees who follows it up and cannot change it', async () => {
  const first = a.page.getByTestId('lead-row').first();
  converted = await leadOfRow(first);
  // B opens the lead while it is still pending, so B's page still offers the buttons.
  await b.page.goto(`/leads/${converted.id}`);
  await b.page.getByRole('button', { name: 'Sudah Dihubungi' }).waitFor();

  await first.getByRole('button', { name: 'Sudah Dihubungi' }).click();
  await a.page.locator(`[data-lead-id="${converted.id}"] [data-status="contacted"]:visible`).waitFor();

  // B's click loses: the server answers 409 and the page says who handles the lead.
  await b.page.getByRole('button', { name: 'Sudah Dihubungi' }).click();
  const alert = b.page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Sari Dewi/);
  await b.page.getByTestId('no-status-actions').waitFor();
  assert.equal(await b.page.getByRole('button', { name: 'Terkonversi' }).count(), 0);

  const rows = await search(b.page, converted.name);
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().getByTestId('followed-up-by').innerText(), /Sedang ditindaklanjuti oleh Sari Dewi/);
  assert.equal(await rows.first().getByRole('button').count(), 0);
});

test('A marks it "Terkonversi" with a note; B no longer sees it anywhere', async () => {
  await a.page.goto(`/leads/${converted.id}`);
  await a.page.getByLabel('Catatan (opsional)').fill('Buka deposito 12 bulan');
  await a.page.getByRole('button', { name: 'Terkonversi' }).click();
  await a.page.getByRole('button', { name: 'Ya, tandai' }).click();
  await a.page.locator('h1 + [data-status="converted"]').waitFor();
  const history = await a.page.getByTestId('status-history').innerText();
  assert.match(history, /Buka deposito 12 bulan/);
  assert.equal(await a.page.getByTestId('status-history').locator('li').count(), 2);

  const rows = await search(b.page, converted.name);
  assert.equal(await rows.count(), 0);
  await b.page.goto(`/leads/${converted.id}`);
  await b.page.getByText('Lead tidak ditemukan', { exact: false }).waitFor();

  await a.page.goto('/performance');
  const counts = await a.page.getByTestId('status-counts').innerText();
  assert.match(counts, /Terkonversi\s*1/i);  // the tiles show their labels in capitals
  assert.match(await a.page.getByTestId('followed-leads').innerText(), new RegExp(converted.name));
});

test('a lead A rejects is hidden from B, and back in everyone\'s list 24 hours later', async () => {
  const rows = await search(a.page, 'Siti');
  rejected = await leadOfRow(rows.filter({ has: a.page.locator('[data-status="pending"]') }).first());
  await a.page.goto(`/leads/${rejected.id}`);
  await a.page.getByLabel('Catatan (opsional)').fill('Tidak tertarik saat ini');
  await a.page.getByRole('button', { name: 'Ditolak' }).click();
  await a.page.getByRole('button', { name: 'Ya, tandai' }).click();
  await a.page.locator('h1 + [data-status="rejected"]').waitFor();
  assert.equal(await (await search(b.page, rejected.name)).count(), 0);

  // The same database, the server's clock 25 hours on (and the old sessions expired by then).
  await portal.restart({ clockOffsetHours: 25 });
  await a.close();
  await b.close();
  a = null;
  b = await openBrowser(portal.server.url);
  await signIn(b.page, salesB.username, salesB.password);
  const back = await search(b.page, rejected.name);
  assert.equal(await back.count(), 1);
  assert.ok(await back.first().locator('[data-status="pending"]:visible').isVisible());
  assert.equal(await back.first().getByTestId('followed-up-by').count(), 0);
  assert.equal(await back.first().getByRole('button', { name: 'Sudah Dihubungi' }).count(), 1);

  // The converted lead stays gone.
  assert.equal(await (await search(b.page, converted.name)).count(), 0);
  assert.deepEqual(b.problems, []);
});
