// The sales floor (docs/ARCHITECTURE.md, "The sales floor") in the browser, with two sales
// people: A opens a lead, sees
// the phone with its tel: and WhatsApp links, logs a call nobody answered (the lead stays
// contacted and shows one attempt), and B sees who follows it up but not A's call note.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { leadIdOf, openBrowser, signIn } from '../lib/browser.mjs';
import { salesA, salesB, startPortal } from '../lib/setup.mjs';

let portal;
let a;
let b;
let lead; // { id, name }

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

test('A logs a call attempt from the lead page and sees its phone', async () => {
  await a.page.getByTestId('lead-table').waitFor();
  const row = a.page.getByTestId('lead-row').filter({ has: a.page.locator('[data-status="pending"]') }).first();
  const link = row.getByRole('link').first();
  lead = { id: leadIdOf(await link.getAttribute('href')), name: (await link.innerText()).trim() };
  await a.page.goto(`/leads/${lead.id}`);
  await a.page.getByTestId('lead-phone').waitFor();
  assert.match(await a.page.getByTestId('attempt-count').innerText(), /0 percobaan/);

  await a.page.getByLabel('Catatan panggilan (opsional)').fill('nada sibuk dua kali');
  await a.page.getByRole('button', { name: 'Tidak diangkat' }).click();
  await a.page.getByTestId('history-attempt').waitFor();
  assert.match(await a.page.getByTestId('attempt-count').innerText(), /1 percobaan/);
  await a.page.locator('h1 + [data-status="contacted"]').waitFor();
  assert.match(await a.page.getByTestId('status-history').innerText(), /nada sibuk dua kali/);
});

test('B sees who follows the lead up, never the words of A\'s note', async () => {
  await b.page.goto(`/leads/${lead.id}`);
  await b.page.getByTestId('followed-up-by').waitFor();
  assert.match(await b.page.getByTestId('followed-up-by').innerText(), new RegExp(salesA.display_name));
  await b.page.getByTestId('history-attempt').waitFor();
  assert.doesNotMatch(await b.page.getByTestId('status-history').innerText(), /nada sibuk/);
  assert.equal(await b.page.getByTestId('attempt-actions').count(), 0);
});
