/**
 * G12 (RELIABILITY-SECURITY.md): the back-office link is encrypted. A plaintext URL (`mqtt://`, `http://`) is refused unless its host is this computer (127.0.0.0/8, ::1, localhost): loopback traffic
 * never leaves the machine (a local bridge or relay, and our tests). The one rule, used by the settings save,
 * the form and every target's constructor. MQTT over TLS is its own scheme and port (MQTT 3.1.1 §4.2: 8883 for
 * TLS, 1883 without; §5 leaves encryption to TLS), so the scheme alone says whether a link is encrypted.
 */

/**
 * The one wording of the URL rule: the hint under every URL field (add and edit), the refusal of a plaintext
 * URL and of a wrong scheme (settings save, form, target constructors). MQTT targets take no ws(s)://.
 */
export const ENCRYPTED_LINK_HINT = {
  mqtt: 'Use an encrypted mqtts://host:port URL. Plain mqtt:// only to this computer (127.0.0.1).',
  web: 'Use an encrypted https://host/path URL. Plain http:// only to this computer (127.0.0.1).',
} as const;

/** The rule each plaintext scheme breaks. */
const PLAINTEXT: Readonly<Record<string, string>> = {
  'mqtt:': ENCRYPTED_LINK_HINT.mqtt,
  'http:': ENCRYPTED_LINK_HINT.web,
};

/**
 * A host literally naming this computer: `localhost`, 127.x.y.z or ::1. The host as written must already be
 * in its canonical form (`127.1` or `%31…` are not accepted), so what is checked is what gets dialled.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const ipv4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return ipv4 !== null && ipv4.slice(1).every((part) => Number(part) <= 255 && String(Number(part)) === part);
}

/** Why this URL may not be used for the back-office link, or null when it may (unparsable: not this rule's job). */
export function plaintextRefusal(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const { protocol, hostname } = new URL(url);
  const rule = PLAINTEXT[protocol];
  if (rule === undefined || isLoopbackHost(hostname)) return null;
  return rule;
}
