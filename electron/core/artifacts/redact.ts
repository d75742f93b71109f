/** Keys whose values are secrets wherever they appear in device output (Shelly `pass`, Tasmota `MqttPassword`…). */
const SECRET_KEY = /pass(word)?|secret|token|ha1|psk|api_?key|auth_key/i;
export const REDACTED = '[redacted]';

/**
 * A deep copy with secrets removed: values under secret-looking keys, and any occurrence of a known secret
 * (credential passwords) inside any string, so a password echoed in an odd field still does not leak.
 */
export function redactSecrets(value: unknown, knownSecrets: readonly string[]): unknown {
  const scrub = (text: string) => knownSecrets.reduce((t, secret) => t.split(secret).join(REDACTED), text);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrub(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, inner]) => [
          k,
          SECRET_KEY.test(k) && inner !== null && inner !== '' && typeof inner !== 'boolean'
            ? REDACTED
            : walk(inner),
        ]),
      );
    }
    return v;
  };
  return walk(value);
}
