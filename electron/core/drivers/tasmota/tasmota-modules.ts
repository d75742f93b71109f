/**
 * `Status 0` reports the module as a number (`Status.Module`), while discovery reports its name (`md`).
 * These are the numbers of well-known modules (as `Module` lists them, 1-based); anything else gets a
 * neutral label rather than a guess. Module 0 is the user template, whose name only `Template` reveals.
 */
const ESP8266_MODULES: Readonly<Record<number, string>> = {
  1: 'Sonoff Basic',
  4: 'Sonoff TH',
  6: 'Sonoff Pow',
  7: 'Sonoff 4CH',
  18: 'Generic',
  23: 'Sonoff 4CH Pro',
  43: 'Sonoff Pow R2',
  46: 'Shelly 1',
  47: 'Shelly 2',
};

/** ESP32 builds number their modules separately; module 1 is the chip's generic board. */
function esp32Generic(hardware: string): string {
  const variant = /^ESP32-?(C2|C3|C5|C6|H2|P4|S2|S3)\b/i.exec(hardware)?.[1];
  return variant ? `ESP32${variant.toUpperCase()}` : 'ESP32-DevKit';
}

/** The model name for a `Status.Module` value; `hardware` is `StatusFWR.Hardware` (tells ESP32 from ESP8266). */
export function modelFromModule(module: number | string | null | undefined, hardware: string | null): string {
  if (typeof module === 'string' && module.trim() !== '') return module;
  if (typeof module !== 'number' || !Number.isInteger(module)) return 'Tasmota';
  if (module === 0) return 'Template';
  const isEsp32 = hardware !== null && /^ESP32/i.test(hardware);
  if (isEsp32) return module === 1 ? esp32Generic(hardware) : `Module ${module}`;
  return ESP8266_MODULES[module] ?? `Module ${module}`;
}
