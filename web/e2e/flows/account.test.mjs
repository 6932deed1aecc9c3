// Changing one's own password from the header: a sales person on a phone checks the form's
// rules, gets the server's answer to a wrong current password, changes it, stays signed in
// while their other session ends, and from then on signs in with the new password only. An
// admin at laptop width, in English, reaches the same dialog.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, phone, signIn } from '../lib/browser.mjs';
import { admin, createAdmin, freshDatabase, startServer } from '../lib/server.mjs';
import { ApiSession } from '../lib/api.mjs';
import { salesA } from '../lib/setup.mjs';

const newPassword = 'sari-password-baru-2';

let db;
let server;
let browser;
let otherSession;

before(async () => {
  db = freshDatabase();
  createAdmin(db);
  server = await startServer(db);
  const api = new ApiSession(server.url);
  await api.login(admin.username, admin.password);
  await api.call('POST', '/api/users', { username: salesA.username, display_name: salesA.display_name, password: salesA.password });
  otherSession = new ApiSession(server.url);
  await otherSession.login(salesA.username, salesA.password);
  browser = await openBrowser(server.url, { viewport: phone });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  db?.remove();
});

async function openDialog(page, name) {
  await page.getByRole('button', { name }).click();
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  return dialog;
}

test('the form checks its fields and shows the server\'s answer to a wrong current password', async () => {
  const { page } = browser;
  await signIn(page, salesA.username, salesA.password);
  const dialog = await openDialog(page, 'Ubah kata sandi');
  await dialog.getByLabel('Kata sandi saat ini').fill(salesA.password);
  await dialog.getByLabel('Kata sandi baru', { exact: true }).fill('pendek');
  await dialog.getByLabel('Ulangi kata sandi baru').fill('pendek');
  await dialog.getByRole('button', { name: 'Ganti kata sandi' }).click();
  await dialog.getByText('Kata sandi baru harus 10 sampai 256 karakter.').waitFor();

  await dialog.getByLabel('Kata sandi baru', { exact: true }).fill(newPassword);
  await dialog.getByLabel('Ulangi kata sandi baru').fill(`${newPassword}x`);
  await dialog.getByRole('button', { name: 'Ganti kata sandi' }).click();
  await dialog.getByText('Kedua kata sandi baru tidak sama.').waitFor();

  await dialog.getByLabel('Kata sandi saat ini').fill('bukan-kata-sandinya');
  await dialog.getByLabel('Ulangi kata sandi baru').fill(newPassword);
  await dialog.getByRole('button', { name: 'Ganti kata sandi' }).click();
  assert.equal(await dialog.getByRole('alert').innerText(), 'Kata sandi saat ini salah.');
  assert.doesNotMatch(await page.locator('body').innerText(), /current password is wrong/);
  // nothing changed: the old password still opens a session
  await new ApiSession(server.url).login(salesA.username, salesA.password);
});

test('a sales person changes their password and stays signed in; their other session ends', async () => {
  const { page } = browser;
  const dialog = page.getByRole('dialog', { name: 'Ubah kata sandi' });
  await dialog.getByLabel('Kata sandi saat ini').fill(salesA.password);
  await dialog.getByRole('button', { name: 'Ganti kata sandi' }).click();
  await dialog.getByTestId('password-changed').waitFor();
  assert.equal(await dialog.getByLabel('Kata sandi saat ini').inputValue(), '');
  await dialog.getByRole('button', { name: '×' }).click();
  await dialog.waitFor({ state: 'detached' });

  await page.reload();
  await page.getByTestId('lead-table').or(page.getByText('Tidak ada lead yang cocok.')).first().waitFor();
  assert.match(page.url(), /\/sales$/);
  await assert.rejects(otherSession.call('GET', '/api/me'), /401/);
});

test('after signing out only the new password signs in', async () => {
  const { page } = browser;
  await page.getByRole('button', { name: 'Keluar' }).click();
  await page.waitForURL(/\/login$/);
  await page.getByLabel('Nama pengguna').fill(salesA.username);
  await page.getByLabel('Kata sandi').fill(salesA.password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(page.url(), /\/login$/);
  await signIn(page, salesA.username, newPassword);
  assert.match(page.url(), /\/sales$/);
  assert.deepEqual(browser.problems, []);
});

test('an admin reaches the same dialog from the header, in English', async () => {
  const view = await openBrowser(server.url);
  try {
    await signIn(view.page, admin.username, admin.password);
    await view.page.getByRole('button', { name: 'en', exact: true }).click();
    await view.page.getByRole('button', { name: 'en', exact: true, pressed: true }).waitFor();
    const dialog = await openDialog(view.page, 'Change password');
    await dialog.getByLabel('Current password').fill(admin.password);
    await dialog.getByLabel('New password', { exact: true }).fill('admin-password-new');
    await dialog.getByLabel('Repeat the new password').fill('admin-password-neu');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.getByText('The two new passwords differ.').waitFor();
    await view.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.deepEqual(view.problems, []);
  } finally {
    await view.close();
  }
});
