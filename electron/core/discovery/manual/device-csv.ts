import { DeviceFamilySchema, TagSchema, type DeviceFamily } from '../../../../shared/domain/device';
import { normalizeMac } from '../device-identity';

/**
 * Device import files (documented in the discovery panel and README):
 * - UTF-8 (a BOM is fine), comma- or semicolon-separated, RFC 4180 quoting ("a, b" and "" for a quote).
 * - First row: a header naming the columns, case-insensitive, in any order:
 *   host (IP or DNS name), port (default 80), family (shelly | tasmota | esphome), mac (12 hex digits, any
 *   separators), name, tags (separated by `;` or `|`), notes.
 * - Each row needs a host (probed to identify the device) or a mac and a family (added as "not seen yet").
 * - At most 20,000 rows; lines longer than 4,096 characters are refused.
 */
export interface CsvDeviceRow {
  line: number;
  host: string | null;
  port: number;
  family: DeviceFamily | null;
  mac: string | null;
  name: string | null;
  tags: string[];
  notes: string;
}

export interface CsvLineError {
  line: number;
  reason: string;
}

const COLUMNS = ['host', 'port', 'family', 'mac', 'name', 'tags', 'notes'] as const;
type Column = (typeof COLUMNS)[number];
const MAX_LINE = 4_096;
const MAX_ROWS = 20_000;
const HOST =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Splits text into records of fields, honouring quotes; each record keeps the line it starts on. */
function records(text: string, delimiter: string): { line: number; fields: string[]; tooLong: boolean }[] {
  const out: { line: number; fields: string[]; tooLong: boolean }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let lineLength = 0;
  let tooLong = false;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== '') out.push({ line: start, fields, tooLong });
    fields = [];
    field = '';
    tooLong = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (++lineLength > MAX_LINE) tooLong = true;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') {
          line++;
          lineLength = 0;
        }
        if (!tooLong) field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
      lineLength = 0;
    } else if (!tooLong) field += c;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return out;
}

function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function validateRow(line: number, get: (c: Column) => string): CsvDeviceRow | CsvLineError {
  const host = get('host') || null;
  if (host && (!HOST.test(host) || (/^[\d.]+$/.test(host) && !isIpv4(host))))
    return { line, reason: `host "${host.slice(0, 60)}" is not an IP address or host name` };
  const portText = get('port');
  const port = portText === '' ? 80 : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return { line, reason: `port "${portText.slice(0, 20)}" is not 1–65535` };
  const familyText = get('family').toLowerCase();
  const family = familyText === '' ? null : DeviceFamilySchema.safeParse(familyText);
  if (family && !family.success)
    return {
      line,
      reason: `family "${familyText.slice(0, 30)}" is not one of ${DeviceFamilySchema.options.join(', ')}`,
    };
  const macText = get('mac');
  const mac = macText === '' ? null : normalizeMac(macText);
  if (macText !== '' && !mac) return { line, reason: `mac "${macText.slice(0, 30)}" is not 12 hex digits` };
  if (!host && !(mac && family)) return { line, reason: 'a row needs a host, or a mac and a family' };
  const name = get('name');
  if (name.length > 80) return { line, reason: 'name is longer than 80 characters' };
  const tags: string[] = [];
  for (const raw of get('tags')
    .split(/[;|]/)
    .map((t) => t.trim())
    .filter(Boolean)) {
    const tag = TagSchema.safeParse(raw);
    if (!tag.success) return { line, reason: `tag "${raw.slice(0, 40)}": ${tag.error.issues[0]?.message}` };
    tags.push(tag.data);
  }
  const notes = get('notes');
  if (notes.length > 10_000) return { line, reason: 'notes are longer than 10,000 characters' };
  return { line, host, port, family: family ? family.data! : null, mac, name: name || null, tags, notes };
}

/** Parses and validates a device CSV; good rows and per-line errors, never throws on bad content. */
export function parseDeviceCsv(bytes: Uint8Array): { rows: CsvDeviceRow[]; errors: CsvLineError[] } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { rows: [], errors: [{ line: 1, reason: 'the file is not UTF-8 text (save it as "CSV UTF-8")' }] };
  }
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const [header, ...body] = records(text, delimiter);
  if (!header) return { rows: [], errors: [{ line: 1, reason: 'the file is empty' }] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const unknown = names.filter((n) => n !== '' && !(COLUMNS as readonly string[]).includes(n));
  if (header.tooLong || unknown.length > 0 || (!names.includes('host') && !names.includes('mac'))) {
    const reason = unknown.length
      ? `unknown column(s) ${unknown.map((u) => `"${u.slice(0, 30)}"`).join(', ')}; known: ${COLUMNS.join(', ')}`
      : `the header must name a host or a mac column (known: ${COLUMNS.join(', ')})`;
    return { rows: [], errors: [{ line: header.line, reason }] };
  }
  const rows: CsvDeviceRow[] = [];
  const errors: CsvLineError[] = [];
  if (body.length > MAX_ROWS)
    errors.push({ line: body[MAX_ROWS]!.line, reason: `more than ${MAX_ROWS} rows; the rest was not read` });
  for (const record of body.slice(0, MAX_ROWS)) {
    if (record.tooLong) {
      errors.push({ line: record.line, reason: `line is longer than ${MAX_LINE} characters` });
      continue;
    }
    if (record.fields.length > names.length) {
      errors.push({
        line: record.line,
        reason: `${record.fields.length} fields but the header has ${names.length}`,
      });
      continue;
    }
    const get = (c: Column) => (record.fields[names.indexOf(c)] ?? '').trim();
    const row = validateRow(record.line, get);
    if ('reason' in row) errors.push(row);
    else rows.push(row);
  }
  return { rows, errors };
}
