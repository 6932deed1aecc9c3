// Test data made from the bundled UCI file: a deterministic sample (every 8th row, about 4,100
// leads with some 460 known "yes", enough to train on) with names and phone numbers added the
// way a bank's export would have them, and a copy with two broken rows for the import report.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from './paths.mjs';

const firstNames = ['Budi', 'Siti', 'Agus', 'Dewi', 'Rudi', 'Sri', 'Andi', 'Rina', 'Hendra', 'Wati', 'Joko', 'Putri'];
const lastNames = ['Santoso', 'Rahayu', 'Wijaya', 'Lestari', 'Saputra', 'Hidayat', 'Kusuma', 'Pratama', 'Nugroho', 'Sari'];

export function sampleLeads(every = 8) {
  const lines = readFileSync(join(dataDir, 'bank-additional-train.csv'), 'utf8').split(/\r?\n/).filter(Boolean);
  const header = `"name";"phone";${lines[0]}`;
  const rows = [];
  for (let i = 1; i < lines.length; i += every) {
    const n = rows.length;
    const name = `${firstNames[n % firstNames.length]} ${lastNames[Math.floor(n / firstNames.length) % lastNames.length]} ${n + 1}`;
    const phone = `0812${String(10000000 + n).slice(-8)}`;
    rows.push(`"${name}";"${phone}";${lines[i]}`);
  }
  return { header, rows };
}

export function writeLeadFiles(dir) {
  const { header, rows } = sampleLeads();
  const good = join(dir, 'leads.csv');
  writeFileSync(good, [header, ...rows].join('\n') + '\n');
  const bad = join(dir, 'leads-with-errors.csv');
  const broken = [
    rows[0],
    rows[1].replace(/^("[^"]*";"[^"]*";)\d+/, '$1"umur"'), // age is not a number
    rows[2],
    rows[3].split(';').slice(0, 5).join(';'), // too few columns
    rows[4],
  ];
  writeFileSync(bad, [header, ...broken].join('\n') + '\n');
  return { good, bad, count: rows.length };
}

// Campaign history as a bank would export it: labelled rows (with `y`), no names or phones.
export function writeHistoryFile(dir, count = 200) {
  const lines = readFileSync(join(dataDir, 'bank-additional-train.csv'), 'utf8').split(/\r?\n/).filter(Boolean);
  const file = join(dir, 'history.csv');
  writeFileSync(file, [lines[0], ...lines.slice(1, count + 1)].join('\n') + '\n');
  return { file, count };
}
