/**
 * Simulator-private: the version a simulated device boots into when the image itself does not say it
 * (an ESP8266 image has no app descriptor; real Tasmota ESP32 builds were seen with an empty
 * `esp_app_desc_t.version`). The builder embeds this string in a data segment; only the simulated device
 * reads it. The app must never read it: real images do not carry it (see ./README.md).
 */
const PREFIX = 'SIMULATOR-BOOTS-INTO:';

export interface BootTarget {
  /** Numeric firmware version, e.g. `14.4.0`. */
  version: string;
  /** Tasmota build name (`tasmota32c3`), shown in parentheses in `StatusFWR.Version`. */
  build?: string;
}

export function encodeVersionMarker(target: BootTarget): Buffer {
  return Buffer.from(`${PREFIX}${JSON.stringify(target)}\0`, 'latin1');
}

/** Finds the marker anywhere in `data`; undefined when absent or unreadable. */
export function findVersionMarker(data: Buffer): BootTarget | undefined {
  const start = data.indexOf(PREFIX, 0, 'latin1');
  if (start < 0) return undefined;
  const end = data.indexOf(0, start);
  if (end < 0) return undefined;
  try {
    const value = JSON.parse(data.subarray(start + PREFIX.length, end).toString('latin1')) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { version, build } = value as Record<string, unknown>;
    if (typeof version !== 'string' || version === '') return undefined;
    return typeof build === 'string' ? { version, build } : { version };
  } catch {
    return undefined;
  }
}
