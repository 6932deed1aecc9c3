// "Berikutnya" on a phone (390 px): a sales person opens the first lead of their call list,
// presses Berikutnya and lands on the second lead of the list, logs a call attempt (the button
// is then the main one and stays in sight), and presses Berikutnya again to land on the lead
// after it in the list as the server orders it then. At the end of a searched list the button
// is disabled and says so.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiSession } from '../lib/api.mjs';
import { leadIdOf, openBrowser, phone, signIn } from '../lib/browser.mjs';
import { salesA, startPortal } from '../lib/setup.mjs';

let portal;
let browser;
let api; // sales A's own session, to read the call list as the server orders it
let first;
let second;

before(async () => {
  portal = await startPortal();
  browser = await openBrowser(portal.server.url, { viewport: phone });
  api = new ApiSession(portal.server.url);
  await api.login(salesA.username, salesA.password);
  await signIn(browser.page, salesA.username, salesA.password);
});

after(async () => {
  await browser?.close();
  await portal?.stop();
});

const callList = async () => (await api.call('GET', '/api/leads?page=1&size=50')).items;
const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth);

async function onLead(page, lead) {
  await page.waitForURL((url) => url.pathname === `/leads/${lead.id}`);
  await page.getByTestId('lead-name').filter({ hasText: lead.name }).waitFor();
}

test('the first lead of the call list offers the second one as next', async () => {
  const { page } = browser;
  await page.getByTestId('lead-table').waitFor();
  const list = await callList();
  const shown = await page.getByTestId('lead-row').evaluateAll((rows) => rows.map((r) => Number(r.dataset.leadId)));
  assert.deepEqual(shown, list.map((l) => l.id), 'the page shows the call list in the server\'s order');
  [first, second] = list;

  const link = page.getByTestId('lead-row').first().getByRole('link').first();
  assert.equal(leadIdOf(await link.getAttribute('href')), first.id);
  await link.click();
  await onLead(page, first);
  assert.match(page.url(), /[?&]pos=0(&|$)/);
  const next = page.getByTestId('next-lead-name');
  await next.filter({ hasText: second.name }).waitFor();
  assert.equal(Number(await next.getAttribute('data-lead-id')), second.id);
  const button = await page.getByRole('button', { name: 'Berikutnya' }).boundingBox();
  assert.ok(button && button.x >= 0 && button.x + button.width <= 390 && button.y < 844, `Berikutnya at ${JSON.stringify(button)}`);
  assert.ok((await pageWidth(page)) <= 390, `lead page is ${await pageWidth(page)} px wide`);
});

test('Berikutnya lands on the second lead; after an attempt it goes on to the lead after it', async () => {
  const { page } = browser;
  await page.getByRole('button', { name: 'Berikutnya' }).click();
  await onLead(page, second);
  assert.match(page.url(), /[?&]pos=1(&|$)/);

  const card = page.getByTestId('attempt-actions');
  await card.getByRole('button', { name: 'Tidak diangkat' }).click();
  await page.getByTestId('history-attempt').waitFor();
  await page.locator('h1 + [data-status="contacted"]').waitFor();

  // The list as the server orders it now: the lead after the second one.
  const list = await callList();
  const at = list.findIndex((l) => l.id === second.id);
  assert.equal(at, 1, 'a call nobody answered keeps the lead in its place');
  const third = list[at + 1];
  await page.getByTestId('next-lead-name').filter({ hasText: `Lanjut ke ${third.name}` }).waitFor();

  // The main button now, and still in sight with the page scrolled to its end.
  const button = page.getByRole('button', { name: 'Berikutnya' });
  assert.match(await button.getAttribute('class'), /bg-teal-700/);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => window.scrollY > 0);
  const header = await page.getByRole('banner').boundingBox();
  const box = await button.boundingBox();
  assert.ok(box && box.y >= header.y + header.height - 1 && box.y + box.height <= 844, `Berikutnya at ${JSON.stringify(box)}, header ${JSON.stringify(header)}`);
  assert.ok((await pageWidth(page)) <= 390);

  await button.click();
  await onLead(page, third);
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  assert.match(page.url(), /[?&]pos=2(&|$)/);
  assert.deepEqual(browser.problems, []);
});

test('at the end of a searched list Berikutnya is disabled and says so', async () => {
  const { page } = browser;
  await page.goto('/sales');
  await page.getByTestId('lead-table').waitFor();
  await page.getByPlaceholder('Cari nama atau telepon…').fill(second.name);
  await page.waitForFunction((n) => {
    const rows = [...document.querySelectorAll('[data-testid="lead-row"]')];
    return rows.length > 0 && rows.every((r) => r.innerText.includes(n));
  }, second.name);
  const rows = page.getByTestId('lead-row');
  const last = rows.nth((await rows.count()) - 1).getByRole('link').first();
  const href = await last.getAttribute('href');
  assert.match(href, /[?&]q=/);
  await last.click();
  await page.waitForURL((url) => url.pathname === `/leads/${leadIdOf(href)}`);
  await page.getByTestId('next-lead-end').filter({ hasText: 'Akhir daftar' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Berikutnya' }).isDisabled(), true);
});
