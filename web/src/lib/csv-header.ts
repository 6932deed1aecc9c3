// Reads the header of a CSV the user picked, in the browser, so a form can offer its numeric
// columns before anything is sent. Comma or semicolon separated, quoted names allowed; a
// column counts as numeric when every non-empty value in the first rows is a number. Columns
// that identify the rows (CustomerID, id, nik, or whole numbers different on every row) are
// set apart: K-Means on them groups customers by their place in the file.

export interface CsvColumns {
  delimiter: ',' | ';';
  columns: string[];
  numeric: string[];  // the numeric columns a segmentation may use
  idLike: string[];   // numeric, but identifying the rows: not offered
}

function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

// A column that names or numbers the rows instead of describing the customer, by its name:
// "id", "CustomerID", "customer_id", "nik", "no" (the server refuses the same names).
export function isIdLikeName(name: string): boolean {
  const trimmed = name.trim();
  const letters = trimmed.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (['id', 'nik', 'no', 'nomor', 'index', 'rowid', 'row', 'uuid', 'guid', 'key'].includes(letters)) return true;
  return /[ _.-][iI][dD]$/.test(trimmed) || /[a-z]I[dD]$/.test(trimmed);
}

// The rows needed before "every value is different" counts as identifying the rows.
const minRowsForUnique = 20;

export function readCsvColumns(text: string, sampleRows = 50): CsvColumns | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return null;
  const header = lines[0];
  const delimiter = (header.split(';').length > header.split(',').length ? ';' : ',') as CsvColumns['delimiter'];
  const columns = splitLine(header, delimiter);
  const numericSeen = columns.map(() => 0);
  const bad = columns.map(() => false);
  for (const line of lines.slice(1, 1 + sampleRows)) {
    splitLine(line, delimiter).forEach((value, i) => {
      if (i >= columns.length || value === '') return;
      if (Number.isFinite(Number(value))) numericSeen[i]++;
      else bad[i] = true;
    });
  }
  const numericIndex = columns.map((_, i) => i).filter((i) => numericSeen[i] > 0 && !bad[i]);
  const unique = uniqueWholeNumberColumns(lines.slice(1), delimiter, numericIndex);
  const numeric = numericIndex.filter((i) => !isIdLikeName(columns[i]) && !unique.has(i)).map((i) => columns[i]);
  const idLike = numericIndex.filter((i) => isIdLikeName(columns[i]) || unique.has(i)).map((i) => columns[i]);
  return { delimiter, columns, numeric, idLike };
}

// The columns (of `candidates`) whose values are whole numbers, different on every row, over
// at least minRowsForUnique rows: a row number or an id under another name.
function uniqueWholeNumberColumns(rows: string[], delimiter: string, candidates: number[]): Set<number> {
  const out = new Set<number>();
  if (rows.length < minRowsForUnique) return out;
  const seen = new Map(candidates.map((i) => [i, new Set<string>()]));
  const alive = new Set(candidates);
  for (const row of rows) {
    if (alive.size === 0) break;
    const cells = splitLine(row, delimiter);
    for (const i of [...alive]) {
      const value = Number(cells[i]);
      const key = String(value);
      if (cells[i] === undefined || cells[i] === '' || !Number.isInteger(value) || seen.get(i)!.has(key)) alive.delete(i);
      else seen.get(i)!.add(key);
    }
  }
  for (const i of alive) out.add(i);
  return out;
}

// The classic pair when the file has it, else its first two columns (id-like ones are not in
// `numeric` at all).
export function defaultFeatures(numeric: string[]): string[] {
  const preferred = ['Annual Income (k$)', 'Spending Score (1-100)'];
  if (preferred.every((p) => numeric.includes(p))) return preferred;
  return numeric.filter((c) => !isIdLikeName(c)).slice(0, 2);
}
