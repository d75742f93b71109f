/**
 * Who built an ESP image, from text its own code keeps in flash (Tasmota and ESPHome images are stored
 * uncompressed, so the strings are there as bytes):
 * - ESPHome logs `"ESPHome version " ESPHOME_VERSION " compiled on %s"` at start (esphome/esphome
 *   `esphome/core/application.cpp`, `Application::loop`; lower case `esphome version` in old releases);
 * - Tasmota names itself `PROJECT "tasmota"` (arendst/Tasmota `tasmota/my_user_config.h`), used for its
 *   default topic and host name.
 * Real Tasmota images leave their `esp_app_desc_t` project and version empty and ESPHome puts the node name
 * there (fixtures/real-devices/firmware), so the descriptor alone cannot tell them apart.
 */
export type BuiltBy = 'esphome' | 'tasmota';

const MARKERS: readonly { builtBy: BuiltBy; text: string }[] = [
  { builtBy: 'esphome', text: 'esphome version ' },
  { builtBy: 'tasmota', text: 'tasmota' },
];
const OVERLAP = Math.max(...MARKERS.map((m) => m.text.length)) - 1;

/** Looks for the markers in a byte stream, case-insensitively, across chunk boundaries. */
export class MarkerScanner {
  private readonly seen = new Set<BuiltBy>();
  private tail = '';

  push(chunk: Buffer): void {
    if (this.seen.size === MARKERS.length) return;
    const text = this.tail + chunk.toString('latin1').toLowerCase();
    for (const m of MARKERS) if (text.includes(m.text)) this.seen.add(m.builtBy);
    this.tail = text.slice(-OVERLAP);
  }

  /** ESPHome wins when both appear (an ESPHome image may mention Tasmota; not the other way round). */
  builtBy(): BuiltBy | null {
    if (this.seen.has('esphome')) return 'esphome';
    return this.seen.has('tasmota') ? 'tasmota' : null;
  }
}
