/**
 * Whether a value read back from a Tasmota device is the one a config command set (PROTOCOLS.md §2.4).
 * The firmware normalises what it stores: `Timezone 5` reads back `+05:00`, `SetOption19 1` reads `ON`,
 * `FullTopic a/%topic%` reads `a/%topic%/`, and `%…` tokens in Hostname are expanded from the MAC.
 */

const base = (command: string): string => command.toUpperCase().replace(/\d+$/, '');

/** `1` puts these back to their firmware default, which we cannot predict: any non-empty value will do. */
const ONE_IS_DEFAULT = new Set(['DEVICENAME', 'FRIENDLYNAME', 'TOPIC', 'FULLTOPIC', 'GROUPTOPIC']);
/** `0` clears these. */
const ZERO_CLEARS = new Set(['MQTTHOST', 'MQTTUSER', 'GROUPTOPIC', 'NTPSERVER']);
const SWITCHES = new Set([
  'SETOPTION',
  'POWERRETAIN',
  'SENSORRETAIN',
  'STATERETAIN',
  'STATUSRETAIN',
  'INFORETAIN',
]);
const NUMBERS = new Set(['TELEPERIOD', 'POWERONSTATE', 'LEDSTATE', 'MQTTPORT']);

/** `5` → `+05:00`, `-3:30` → `-03:30`, `99` → `99`; null when unreadable. */
export function canonicalTimezone(value: unknown): string | null {
  const text = String(value).trim();
  if (text === '99') return '99';
  const whole = /^([+-]?)(\d{1,2})$/.exec(text);
  if (whole) return `${whole[1] === '-' ? '-' : '+'}${whole[2]!.padStart(2, '0')}:00`;
  const hhmm = /^([+-]?)(\d{1,2}):(\d{2})$/.exec(text);
  if (hhmm) return `${hhmm[1] === '-' ? '-' : '+'}${hhmm[2]!.padStart(2, '0')}:${hhmm[3]}`;
  return null;
}

/** `on`/`1`/`true` → `ON`, `off`/`0`/`false` → `OFF`; other values stay (numeric options). */
function switchText(value: unknown): string {
  const text = String(value).trim().toLowerCase();
  if (['1', 'on', 'true'].includes(text)) return 'ON';
  if (['0', 'off', 'false'].includes(text)) return 'OFF';
  return text;
}

/** A requested value with `%` tokens (`%06X`, `%topic%`) as a pattern: the device fills them in. */
function tokenPattern(requested: string): RegExp {
  const parts = requested.split(/%[a-z]+%|%[0-9]*[A-Za-z]/);
  return new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);
}

/** True when `reported` (the JSON value of the query reply) shows `command` set to `requested`. */
export function readBackMatches(command: string, requested: string, reported: unknown): boolean {
  if (reported === undefined || reported === null) return false;
  const name = base(command);
  const wanted = requested.trim();
  if (wanted === '1' && ONE_IS_DEFAULT.has(name)) return String(reported) !== '';
  if (wanted === '0' && ZERO_CLEARS.has(name)) return String(reported) === '';
  if (name === 'TIMEZONE') {
    const want = canonicalTimezone(wanted);
    return want !== null && want === canonicalTimezone(reported);
  }
  if (SWITCHES.has(name)) {
    // SetOption32..49 report numbers; the others ON/OFF.
    if (typeof reported === 'number') return /^\d+$/.test(wanted) && Number(wanted) === reported;
    return switchText(wanted) === switchText(reported);
  }
  if (NUMBERS.has(name)) return /^-?\d+$/.test(wanted) && Number(wanted) === Number(reported);
  const text = String(reported);
  if (name === 'FULLTOPIC') return text.replace(/\/$/, '') === wanted.replace(/\/$/, '');
  if (wanted.includes('%')) return tokenPattern(wanted).test(text);
  return text === wanted;
}
