// The server's refusals in the Indonesian UI: a wrong password, a deactivated account, a taken
// username, a lead another sales person took a moment ago, and a CSV import with bad rows (one
// of them not a number). Each screen says it in Indonesian, from the error's code, and no
// English message of the server reaches it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBrowser, signIn } from '../lib/browser.mjs';
import { admin, createAdmin, freshDatabase, startServer } from '../lib/server.mjs';
import { ApiSession } from '../lib/api.mjs';
import { sampleLeads } from '../lib/fixtures.mjs';
import { salesA, salesB } from '../lib/setup.mjs';

const retired = { username: 'eko', display_name: 'Eko Prasetyo', password: 'eko-password-1' };

// The English sentences of the server's messages (and its API parameter names), none of which
// may be on an Indonesian screen.
const english = /wrong username|is taken|being followed up|bad row|skip_bad_rows|is not a number|nothing was imported|deactivated|current password is wrong|fields found|expected \d+ fields/i;

let db;
let server;
let api;
let badFile;
let leadId;

before(async () => {
  db = freshDatabase();
  createAdmin(db);
  server = await startServer(db);
  api = new ApiSession(server.url);
  await api.login(admin.username, admin.password);
  for (const user of [salesA, salesB, retired]) {
    await api.call('POST', '/api/users', { username: user.username, display_name: user.display_name, password: user.password });
  }
  const { items: users } = await api.call('GET', '/api/users');
  const eko = users.find((u) => u.username === retired.username);
  await api.call('PATCH', `/api/users/${eko.id}`, { active: false });

  const { header, rows } = sampleLeads(400);
  await api.call('POST', '/api/leads/import', [header, ...rows].join('\n') + '\n', 'text/csv');
  leadId = (await api.call('GET', '/api/leads', undefined)).items[0].id;
  // Lines 3 and 5 are bad: an age in words, and a row cut short.
  badFile = join(db.dir, 'leads-bad.csv');
  const broken = [
    rows[0],
    rows[1].replace(/^("[^"]*";"[^"]*";)\d+/, '$1empat puluh'),
    rows[2],
    rows[3].split(';').slice(0, 5).join(';'),
  ];
  writeFileSync(badFile, [header, ...broken].join('\n') + '\n');
});

after(async () => {
  await server?.stop();
  db?.remove();
});

async function withBrowser(run) {
  const browser = await openBrowser(server.url);
  try {
    await run(browser.page);
    assert.deepEqual(browser.problems, []);
  } finally {
    await browser.close();
  }
}

async function assertNoEnglish(page) {
  assert.doesNotMatch(await page.locator('body').innerText(), english);
}

async function signInFails(page, username, password) {
  await page.goto('/login');
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  return alert.innerText();
}

test('a wrong password is refused in Indonesian', async () => {
  await withBrowser(async (page) => {
    assert.equal(await signInFails(page, salesA.username, 'bukan-kata-sandinya'), 'Nama pengguna atau kata sandi salah.');
    await assertNoEnglish(page);
    // An unknown user reads the same.
    assert.equal(await signInFails(page, 'tidak-ada', 'bukan-kata-sandinya'), 'Nama pengguna atau kata sandi salah.');
  });
});

test('a deactivated account is told so, with its right password only', async () => {
  await withBrowser(async (page) => {
    assert.equal(await signInFails(page, retired.username, retired.password), 'Akun ini sudah dinonaktifkan. Minta admin untuk mengaktifkannya kembali.');
    await assertNoEnglish(page);
    assert.equal(await signInFails(page, retired.username, 'bukan-kata-sandinya'), 'Nama pengguna atau kata sandi salah.');
  });
});

test('an admin adding a taken username reads it in Indonesian', async () => {
  await withBrowser(async (page) => {
    await signIn(page, admin.username, admin.password);
    await page.getByRole('link', { name: 'Pengguna' }).click();
    await page.getByRole('button', { name: 'Tambah sales' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nama pengguna').fill(salesA.username);
    await dialog.getByLabel('Nama tampilan').fill('Sari Lain');
    await dialog.getByRole('button', { name: 'Tambah sales' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    assert.equal(await alert.innerText(), `Nama pengguna "${salesA.username}" sudah dipakai.`);
    await assertNoEnglish(page);
  });
});

test('a lead another sales person took a moment ago says who follows it up', async () => {
  await withBrowser(async (page) => {
    // No live refresh: the page still offers the buttons when the click goes out.
    await page.route('**/api/events', (route) => route.abort());
    await signIn(page, salesB.username, salesB.password);
    await page.goto(`/leads/${leadId}`);
    await page.getByRole('button', { name: 'Sudah Dihubungi' }).waitFor();

    const sari = new ApiSession(server.url);
    await sari.login(salesA.username, salesA.password);
    await sari.call('POST', `/api/leads/${leadId}/status`, { status: 'contacted' });

    await page.getByRole('button', { name: 'Sudah Dihubungi' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'ditindaklanjuti' });
    await alert.waitFor();
    assert.equal(await alert.innerText(), `Lead ${leadId} sedang ditindaklanjuti oleh ${salesA.display_name}.`);
    await assertNoEnglish(page);
  });
});

test('an import with bad rows lists each one in Indonesian and names the checkbox', async () => {
  await withBrowser(async (page) => {
    await signIn(page, admin.username, admin.password);
    await page.getByRole('link', { name: 'Kelola Data' }).click();
    await page.getByTestId('manage-list').waitFor();
    await page.getByLabel('Berkas CSV').setInputFiles(badFile);
    await page.getByRole('button', { name: 'Impor' }).click();
    const rows = page.getByTestId('row-errors');
    await rows.waitFor();
    const text = await rows.innerText();
    assert.match(text, /Berkas ditolak, tidak ada yang disimpan\. 2 baris salah:/);
    assert.match(text, /baris 3 age: "empat puluh" bukan angka\./);
    assert.match(text, /baris 5 Baris ini berisi 5 sel; baris judul berisi \d+\./);
    const refusal = page.getByRole('alert').filter({ hasText: 'tidak ada yang diimpor' });
    assert.equal(
      await refusal.innerText(),
      'Berkas berisi 2 baris salah, jadi tidak ada yang diimpor. Perbaiki baris tersebut, atau centang "Lewati baris yang salah" untuk mengimpor baris yang benar saja.',
    );
    // The checkbox the sentence names is the one on the page.
    await page.getByRole('checkbox', { name: /^Lewati baris yang salah/ }).waitFor();
    await assertNoEnglish(page);
  });
});
