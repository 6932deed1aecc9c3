// A sales person on a phone (390 × 844): the call list, with a segmentation of the leads built,
// fits the screen with no sideways scroll and shows each lead's grade and the quick
// "Sudah Dihubungi"; a lead's page fits too and has the phone links and the call and status
// buttons on the first screen, with the customer's data in words. Before signing in, no page
// asks for a session it does not have (the browser would log that 401 as a console error),
// and a page whose code cannot be fetched offers "Muat ulang" instead of a blank screen. An
// admin's Kelola Data, with its lead rows and import and token cards, fits the phone too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { leadIdOf, openBrowser, phone, signIn } from '../lib/browser.mjs';
import { admin } from '../lib/server.mjs';
import { salesA, startPortal } from '../lib/setup.mjs';

let portal;
let browser;
let lead; // { id, name }

before(async () => {
  portal = await startPortal();
  await portal.api.call('POST', '/api/segments', { name: 'Lead personas', source: 'leads', features: ['age', 'campaign'] });
  browser = await openBrowser(portal.server.url, { viewport: phone });
});

after(async () => {
  await browser?.close();
  await portal?.stop();
});

const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth);

test('before sign-in no page asks for a session, and nothing is logged as an error', async () => {
  const visitor = await openBrowser(portal.server.url, { viewport: phone });
  try {
    const errors = [];
    const asked = [];
    visitor.page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    visitor.page.on('request', (request) => new URL(request.url()).pathname === '/api/me' && asked.push(request.url()));
    await visitor.page.goto('/');
    await visitor.page.getByRole('link', { name: 'Masuk' }).waitFor();
    await visitor.page.goto('/sales');
    await visitor.page.waitForURL(/\/login$/);
    await visitor.page.getByLabel('Nama pengguna').waitFor();
    await visitor.page.waitForLoadState('networkidle');
    assert.deepEqual(errors, []);
    assert.deepEqual(asked, []);
    assert.deepEqual(visitor.problems, []);
  } finally {
    await visitor.close();
  }
});

test('the call list fits 390 px with a segmentation, grade and "Sudah Dihubungi" on screen', async () => {
  const { page } = browser;
  await signIn(page, salesA.username, salesA.password);
  await page.getByTestId('lead-table').waitFor();
  await page.locator('[data-testid="persona-badge"]:visible').first().waitFor();
  assert.ok((await pageWidth(page)) <= 390, `call list is ${await pageWidth(page)} px wide`);
  const row = page.getByTestId('lead-row').filter({ has: page.locator('[data-status="pending"]') }).first();
  for (const part of [row.getByLabel(/^Grade [A-D]$/), row.getByRole('button', { name: 'Sudah Dihubungi' })]) {
    const box = await part.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${JSON.stringify(box)} is off the screen`);
  }
  assert.match(await row.innerText(), /#\d/);
  const link = row.getByRole('link').first();
  lead = { id: leadIdOf(await link.getAttribute('href')), name: (await link.innerText()).trim() };
});

test('a lead page fits 390 px and has the phone links and the buttons on the first screen', async () => {
  const { page } = browser;
  await page.goto(`/leads/${lead.id}`);
  await page.getByTestId('lead-phone').waitFor();
  await page.getByTestId('status-buttons').waitFor();
  assert.ok((await pageWidth(page)) <= 390, `lead page is ${await pageWidth(page)} px wide`);
  const tops = await page.evaluate(() => {
    const top = (el) => el.getBoundingClientRect().top + window.scrollY;
    const all = (selector) => [...document.querySelectorAll(selector)].map(top);
    return {
      tel: all('[data-testid="tel-link"]'),
      whatsApp: all('[data-testid="wa-link"]'),
      status: all('[data-testid="status-buttons"] button'),
      attempts: all('[data-testid="attempt-buttons"] button'),
    };
  });
  for (const [name, ys] of Object.entries(tops)) {
    assert.ok(ys.length > 0, `no ${name} on the page`);
    for (const y of ys) assert.ok(y < 844, `${name} starts at y = ${y}, below the first screen`);
  }
  assert.equal(await page.locator('a[href^="tel:"]').count(), 1);
  // the customer's data in words, not UCI codes
  const data = await page.getByText('Data nasabah').locator('xpath=ancestor::section').innerText();
  assert.doesNotMatch(data, /\b(admin\.|blue-collar|basic\.\dy|high\.school|university\.degree|nonexistent|cellular)\b/);
});

test('the optional fields unfold on a phone and a call attempt is logged', async () => {
  const { page } = browser;
  const card = page.getByTestId('attempt-actions');
  await card.getByRole('button', { name: /Catatan, jadwal atau alasan/ }).click();
  await card.getByLabel('Catatan panggilan (opsional)').fill('tidak diangkat dari ponsel');
  await card.getByRole('button', { name: 'Tidak diangkat' }).click();
  await page.getByTestId('history-attempt').waitFor();
  assert.match(await page.getByTestId('attempt-count').innerText(), /1 percobaan/);
  assert.ok((await pageWidth(page)) <= 390);
  assert.deepEqual(browser.problems, []);
});

test('a page whose code cannot be fetched offers "Muat ulang" instead of a blank page', async () => {
  const view = await openBrowser(portal.server.url, { viewport: phone });
  try {
    await signIn(view.page, salesA.username, salesA.password);
    await view.page.route(/\/assets\/my-performance-[^/]*\.js$/, (route) => route.abort());
    await view.page.getByRole('button', { name: 'Menu' }).click();
    await view.page.getByRole('link', { name: 'Performa Saya' }).click();
    await view.page.getByText('Halaman ini gagal dimuat.').waitFor();
    await view.page.unroute(/\/assets\/my-performance-[^/]*\.js$/);
    await view.page.getByRole('button', { name: 'Muat ulang' }).click();
    await view.page.getByText('Lead yang Anda tindak lanjuti dan hasilnya.').waitFor();
    assert.match(view.page.url(), /\/performance$/);
  } finally {
    await view.close();
  }
});

test('Kelola Data fits 390 px for an admin, its lead rows and cards included', async () => {
  const adminPhone = await openBrowser(portal.server.url, { viewport: phone });
  try {
    await signIn(adminPhone.page, admin.username, admin.password);
    await adminPhone.page.goto('/admin/leads');
    await adminPhone.page.getByTestId('manage-list').waitFor();
    await adminPhone.page.getByTestId('api-tokens-card').waitFor();
    const width = await pageWidth(adminPhone.page);
    assert.ok(width <= 390, `Kelola Data is ${width} px wide`);
  } finally {
    await adminPhone.close();
  }
});
