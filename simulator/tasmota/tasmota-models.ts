/** One entry of the simulated Tasmota catalogue: a module (template) on a chip, running a build. */
export interface TasmotaModel {
  /** `Status.Module` / discovery `md`, e.g. `Sonoff Basic`. */
  readonly module: string;
  /** Module number shown by `Module` (informational). */
  readonly moduleId: number;
  /** The chip family firmware images name in `models` (firmware/README.md). */
  readonly chip: 'ESP8266' | 'ESP32' | 'ESP32-C3';
  /** `StatusFWR.Hardware`. */
  readonly hardware: string;
  readonly relays: number;
  /** Build name in parentheses in `Version`, e.g. `release-tasmota`. */
  readonly build: string;
  /** Factory version (numeric part). */
  readonly version: string;
  readonly core: string;
  readonly sdk: string;
  readonly cpuMhz: number;
  readonly flashKb: number;
  readonly programKb: number;
  /** Espressif / vendor OUIs used for MACs. */
  readonly ouis: readonly string[];
}

const ESP8266 = {
  chip: 'ESP8266',
  hardware: 'ESP8266EX',
  core: '2_7_8',
  sdk: '2.2.2-dev(38a443e)',
  cpuMhz: 80,
} as const;
const ESP32 = {
  chip: 'ESP32',
  hardware: 'ESP32-D0WD-V3 v3.0',
  core: '3_1_3',
  sdk: '5.3.3',
  cpuMhz: 160,
} as const;

export const TASMOTA_MODELS: readonly TasmotaModel[] = [
  {
    module: 'Sonoff Basic',
    moduleId: 1,
    ...ESP8266,
    relays: 1,
    build: 'release-tasmota',
    version: '14.2.0',
    flashKb: 1024,
    programKb: 629,
    ouis: ['A4CF12', '2462AB', 'DC4F22'],
  },
  {
    module: 'Sonoff 4CH Pro',
    moduleId: 23,
    ...ESP8266,
    relays: 4,
    build: 'release-tasmota',
    version: '14.2.0',
    flashKb: 1024,
    programKb: 629,
    ouis: ['A4CF12', 'DC4F22'],
  },
  {
    module: 'Shelly 1',
    moduleId: 46,
    ...ESP8266,
    relays: 1,
    build: 'release-tasmota',
    version: '14.1.0',
    flashKb: 2048,
    programKb: 629,
    ouis: ['E868E7', '98CDAC'],
  },
  {
    module: 'Athom Plug V2',
    moduleId: 0,
    ...ESP8266,
    relays: 1,
    build: 'release-tasmota',
    version: '14.2.0',
    flashKb: 4096,
    programKb: 640,
    ouis: ['C44F33', '84F3EB'],
  },
  {
    module: 'ESP32-DevKit',
    moduleId: 1,
    ...ESP32,
    relays: 1,
    build: 'release-tasmota32',
    version: '14.2.0',
    flashKb: 4096,
    programKb: 1920,
    ouis: ['24DCC3', '7C9EBD', 'A0B765'],
  },
  {
    module: 'ESP32C3',
    moduleId: 1,
    chip: 'ESP32-C3',
    hardware: 'ESP32-C3 v0.4',
    core: '3_1_3',
    sdk: '5.3.3',
    cpuMhz: 160,
    relays: 1,
    build: 'release-tasmota32c3',
    version: '14.2.0',
    flashKb: 4096,
    programKb: 1900,
    ouis: ['34B472', '84F703'],
  },
];
