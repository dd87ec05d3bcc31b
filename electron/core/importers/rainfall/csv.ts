/** One CSV record with the row number Excel would show and the physical lines it spans. */
export interface CsvRecord {
  row: number;
  firstLine: number;
  lastLine: number;
  fields: string[];
}

/**
 * Split CSV text into records the way Excel numbers its rows: quoted fields may hold commas,
 * doubled quotes and line breaks; blank lines still count as rows. The separator (comma or tab,
 * as in Excel's "Text (Tab delimited)") is sniffed from the first lines.
 */
export function parseCsv(text: string): CsvRecord[] {
  const delimiter = sniffDelimiter(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let atFieldStart = true;
  let line = 1;
  let firstLine = 1;

  const endRecord = () => {
    fields.push(field);
    records.push({ row: records.length + 1, firstLine, lastLine: line, fields });
    fields = [];
    field = '';
    atFieldStart = true;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
        continue;
      }
      if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
      field += ch;
      continue;
    }
    if (ch === '"' && atFieldStart) {
      inQuotes = true;
      atFieldStart = false;
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
      atFieldStart = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      firstLine = line;
    } else {
      field += ch;
      atFieldStart = false;
    }
  }
  // A final line without a line break is still a record; a trailing break adds none.
  if (field !== '' || fields.length > 0 || inQuotes) endRecord();
  return records;
}

// Count separators outside quotes on the first non-blank lines; tabs win only when more common.
function sniffDelimiter(text: string): ',' | '\t' {
  const lines = text.split(/\r\n|\n|\r/, 50).filter((l) => l.trim() !== '').slice(0, 5);
  let commas = 0;
  let tabs = 0;
  for (const l of lines) {
    let quoted = false;
    for (const ch of l) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === ',') commas++;
      else if (!quoted && ch === '\t') tabs++;
    }
  }
  return tabs > commas ? '\t' : ',';
}
