// Reads the header of a CSV the user picked, in the browser, so a form can offer its numeric
// columns before anything is sent. Comma or semicolon separated, quoted names allowed; a
// column counts as numeric when every non-empty value in the first rows is a number.

export interface CsvColumns {
  delimiter: ',' | ';';
  columns: string[];
  numeric: string[];
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
  const numeric = columns.filter((_, i) => numericSeen[i] > 0 && !bad[i]);
  return { delimiter, columns, numeric };
}

// Identifier-like columns (CustomerID, id) make poor clustering features; they are offered but
// not picked by default.
export function defaultFeatures(numeric: string[]): string[] {
  const preferred = ['Annual Income (k$)', 'Spending Score (1-100)'];
  if (preferred.every((p) => numeric.includes(p))) return preferred;
  return numeric.filter((c) => !/(^|_|\b)id$/i.test(c) && !/customerid/i.test(c)).slice(0, 2);
}
