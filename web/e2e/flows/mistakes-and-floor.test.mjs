// Mistakes can be undone, and an admin's hand on the floor (docs/ARCHITECTURE.md), in the browser:
// A marks a lead "Terkonversi" through the confirmation, takes it back with "Urungkan" and the
// lead is in the call list again; an admin gives a lead to B, who then finds it in their list
// as their own; A marks a lead "Jangan hubungi" and it leaves the call list.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { leadIdOf, openBrowser, signIn } from '../lib/browser.mjs';
import { admin } from '../lib/server.mjs';
import { salesA, salesB, startPortal } from '../lib/setup.mjs';

let portal;
let a;
let b;
let boss;

before(async () => {
  portal = await startPortal();
  a = await openBrowser(portal.server.url);
  b = await openBrowser(portal.server.url);
  boss = await openBrowser(portal.server.url);
  await signIn(a.page, salesA.username, salesA.password);
  await signIn(b.page, salesB.username, salesB.password);
  await signIn(boss.page, admin.username, admin.password);
});

after(async () => {
  await a?.close();
  await b?.close();
  await boss?.close();
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

// The row of `lead` in the page's call list, found by search (a name may be shared).
async function rowOf(page, lead) {
  await search(page, lead.name);
  return page.locator(`[data-testid="lead-row"][data-lead-id="${lead.id}"]`);
}

// The n-th pending lead of the page's call list (fresh from /sales).
async function pendingLead(page, n) {
  await page.goto('/sales');
  await page.getByTestId('lead-table').waitFor();
  const row = page.getByTestId('lead-row').filter({ has: page.locator('[data-status="pending"]') }).nth(n);
  const link = row.getByRole('link').first();
  return { id: leadIdOf(await link.getAttribute('href')), name: (await link.innerText()).trim() };
}

test('A converts a lead through the confirmation, undoes it, and the lead is back in the list', async () => {
  const lead = await pendingLead(a.page, 0);
  await a.page.goto(`/leads/${lead.id}`);
  await a.page.getByRole('button', { name: 'Terkonversi' }).click();
  const dialog = a.page.getByRole('alertdialog');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Tandai lead ini Terkonversi\?/);
  // The keyboard: Escape leaves the lead as it was.
  await a.page.keyboard.press('Escape');
  assert.equal(await a.page.getByRole('alertdialog').count(), 0);
  await a.page.getByRole('button', { name: 'Terkonversi' }).click();
  await a.page.getByRole('button', { name: 'Ya, tandai' }).click();
  await a.page.locator('h1 + [data-status="converted"]').waitFor();
  assert.equal(await (await rowOf(a.page, lead)).count(), 0);

  await a.page.goto(`/leads/${lead.id}`);
  await a.page.getByTestId('undo-control').waitFor();
  await a.page.getByRole('button', { name: 'Urungkan' }).click();
  await a.page.locator('h1 + [data-status="pending"]').waitFor();
  await a.page.getByTestId('history-undo').waitFor();
  assert.equal(await a.page.getByTestId('undo-control').count(), 0);
  assert.equal(await (await rowOf(a.page, lead)).count(), 1);
  assert.equal(await (await rowOf(b.page, lead)).count(), 1);
  assert.deepEqual(a.problems, []);
});

test('an admin assigns a lead to B, who then finds it in their list as their own', async () => {
  const lead = await pendingLead(b.page, 2);
  await boss.page.goto(`/leads/${lead.id}`);
  await boss.page.getByTestId('assign-control').waitFor();
  await boss.page.getByTestId('assign-select').selectOption({ label: salesB.display_name });
  await boss.page.getByTestId('assign-control').getByRole('button', { name: 'Tugaskan' }).click();
  await boss.page.getByTestId('history-assign').waitFor();
  assert.match(await boss.page.getByTestId('assign-control').innerText(), new RegExp(salesB.display_name));

  const rows = await rowOf(b.page, lead);
  assert.equal(await rows.count(), 1);
  assert.ok(await rows.first().locator('[data-status="contacted"]:visible').isVisible());
  assert.equal(await rows.first().getByTestId('followed-up-by').count(), 0);  // B's own
  const forA = await rowOf(a.page, lead);
  assert.match(await forA.first().getByTestId('followed-up-by').innerText(), new RegExp(salesB.display_name));
  assert.deepEqual(boss.problems, []);
});

test('A marks a lead "Jangan hubungi" and it leaves the call list', async () => {
  const lead = await pendingLead(a.page, 4);
  await a.page.goto(`/leads/${lead.id}`);
  await a.page.getByRole('button', { name: 'Jangan hubungi' }).click();
  await a.page.getByTestId('confirm-do-not-call').waitFor();
  await a.page.getByLabel('Dasar persetujuan (opsional)').fill('nasabah minta lewat telepon');
  await a.page.getByRole('button', { name: 'Ya, simpan' }).click();
  await a.page.getByTestId('do-not-call-note').waitFor();
  assert.equal(await (await rowOf(a.page, lead)).count(), 0);
  assert.equal(await (await rowOf(b.page, lead)).count(), 0);
  assert.deepEqual(a.problems, []);
});
