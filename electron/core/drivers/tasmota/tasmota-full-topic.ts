import { badReply, parsed, type ParseResult } from './tasmota-protocol';

/**
 * Tasmota's FullTopic patterns (PROTOCOLS.md §2.1): `%prefix%/%topic%/` by default, with the tokens
 * `%prefix%` (cmnd/stat/tele), `%topic%`, `%hostname%` and `%id%` (the MAC, 12 upper-case hex).
 */

const TOKEN = /%(prefix|topic|hostname|id)%/g;

/** Values to fill a FullTopic pattern with. */
export interface FullTopicValues {
  /** The prefix for this message kind, e.g. `cmnd`, `stat`, `tele`. */
  prefix: string;
  topic: string;
  hostname?: string | null;
  /** For `%id%`; any MAC spelling, written as Tasmota does (upper-case, no separators). */
  mac?: string | null;
}

/** The topic prefix a device uses, always ending in `/` as the firmware ensures: `tele/tasmota_B3C4D5/`. */
export function expandFullTopic(pattern: string, values: FullTopicValues): string {
  const text = pattern.replace(TOKEN, (_, token: string) => {
    switch (token) {
      case 'prefix':
        return values.prefix;
      case 'topic':
        return values.topic;
      case 'hostname':
        return values.hostname ?? '';
      default:
        return (values.mac ?? '').replace(/[:\-.]/g, '').toUpperCase();
    }
  });
  return text.endsWith('/') ? text : `${text}/`;
}

/** The LWT subscription for one FullTopic pattern and the way back from a received topic to the device topic. */
export interface LwtWatch {
  pattern: string;
  /** MQTT subscription filter, e.g. `tele/+/LWT` for the default pattern. */
  filter: string;
  /** The device's `Topic` inside a received topic, or null when the topic is not this pattern's LWT. */
  topicOf(received: string): string | null;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function levelRegExp(level: string, prefix: string, seenTopic: { value: boolean }): string {
  let out = '';
  let last = 0;
  for (const match of level.matchAll(TOKEN)) {
    out += escapeRegExp(level.slice(last, match.index));
    last = match.index + match[0].length;
    switch (match[1]) {
      case 'prefix':
        out += escapeRegExp(prefix);
        break;
      case 'topic':
        out += seenTopic.value ? '\\k<topic>' : '(?<topic>[^/]+)';
        seenTopic.value = true;
        break;
      case 'hostname':
        out += '[^/]+';
        break;
      default:
        out += '[0-9A-Fa-f]{12}';
    }
  }
  return out + escapeRegExp(level.slice(last));
}

/**
 * Compiles a FullTopic pattern into the LWT filter of its `tele` prefix. A level holding a token and
 * other text (`dev_%topic%`) becomes `+` in the filter; the exact match happens in `topicOf`.
 */
export function compileLwtWatch(pattern: string, telePrefix = 'tele'): ParseResult<LwtWatch> {
  const what = `FullTopic ${JSON.stringify(pattern.slice(0, 100))}`;
  if (pattern.length === 0 || pattern.length > 100) return badReply(`${what}: expected 1 to 100 characters`);
  if (/[+#\0]/.test(pattern)) return badReply(`${what}: must not contain + # or NUL`);
  if (!pattern.includes('%topic%')) return badReply(`${what}: needs %topic% to tell devices apart`);
  if (!pattern.includes('%prefix%')) return badReply(`${what}: needs %prefix%`);
  if (/[+#/\0]/.test(telePrefix) || telePrefix === '')
    return badReply(`tele prefix ${JSON.stringify(telePrefix)} is not a topic level`);
  const levels = (pattern.endsWith('/') ? pattern.slice(0, -1) : pattern).split('/');
  const filter = levels
    .map((level) =>
      level === '%prefix%' ? telePrefix : /%(prefix|topic|hostname|id)%/.test(level) ? '+' : level,
    )
    .concat('LWT')
    .join('/');
  const seenTopic = { value: false };
  const regExp = new RegExp(`^${levels.map((l) => levelRegExp(l, telePrefix, seenTopic)).join('/')}/LWT$`);
  return parsed({
    pattern,
    filter,
    topicOf: (received) => regExp.exec(received)?.groups?.topic ?? null,
  });
}

/** Where a device publishes its LWT, from what its discovery config says. */
export function deviceLwtTopic(device: {
  fullTopic: string;
  topic: string;
  prefixes: { tele: string };
  hostname: string | null;
  mac: string;
}): string {
  return `${expandFullTopic(device.fullTopic, { prefix: device.prefixes.tele, topic: device.topic, hostname: device.hostname, mac: device.mac })}LWT`;
}
