// Live lists: two sales people, each in their own browser, on their call lists. A takes a lead
// with "Sudah Dihubungi"; B's list shows it taken by A without a reload (the event stream of
// the data version makes B's list read itself again). Neither page logs a console error, and
// signing out closes the stream without one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, signIn } from '../lib/browser.mjs';
import { salesA, salesB, startPortal } from '../lib/setup.mjs';

let portal;
let a;
let b;
const consoleErrors = [];

before(async () => {
  portal = await startPortal();
  a = await openBrowser(portal.server.url);
  b = await openBrowser(portal.server.url);
  for (const [who, actor] of [['A', a], ['B', b]]) {
    actor.page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${who}: ${m.text()}`));
  }
  await signIn(a.page, salesA.username, salesA.password);
  await signIn(b.page, salesB.username, salesB.password);
});

after(async () => {
  await a?.close();
  await b?.close();
  await portal?.stop();
});

test("A takes a lead; B's call list shows it taken without a reload", async () => {
  await b.page.getByTestId('lead-table').waitFor();
  const pending = b.page.getByTestId('lead-row').filter({ has: b.page.locator('[data-status="pending"]') }).first();
  const id = Number(await pending.getAttribute('data-lead-id'));
  const bRow = b.page.locator(`[data-testid="lead-row"][data-lead-id="${id}"]`);
  assert.equal(await bRow.getByTestId('followed-up-by').count(), 0);
  // A mark on B's page that a reload would wipe.
  await b.page.evaluate(() => {
    window.__sameDocument = true;
  });

  await a.page.getByTestId('lead-table').waitFor();
  const aRow = a.page.locator(`[data-testid="lead-row"][data-lead-id="${id}"]`);
  await aRow.getByRole('button', { name: 'Sudah Dihubungi' }).click();
  await aRow.locator('[data-status="contacted"]:visible').waitFor();

  const started = Date.now();
  await bRow.getByTestId('followed-up-by').waitFor({ timeout: 10_000 });
  const took = Date.now() - started;
  assert.match(await bRow.getByTestId('followed-up-by').innerText(), new RegExp(salesA.display_name));
  await bRow.locator('[data-status="contacted"]:visible').waitFor();
  assert.equal(await bRow.getByRole('button', { name: 'Sudah Dihubungi' }).count(), 0);
  assert.equal(await b.page.evaluate(() => window.__sameDocument), true, 'no reload');
  console.log(`B's list showed the taken lead ${took} ms after A's click returned`);
});

test('signing out closes the stream with no console error', async () => {
  await b.page.getByRole('button', { name: /Keluar|Log out/ }).click();
  await b.page.waitForURL(/\/login$/);
  // Longer than a heartbeat's session check would need to notice anything, were it still open.
  await b.page.waitForTimeout(1500);
  assert.deepEqual(consoleErrors, []);
});
