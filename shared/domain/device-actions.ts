import { z } from 'zod';

/**
 * The steps a job (or a single action from the device drawer) can run. Each step is family-independent where it
 * can be and carries per-family parameters where it cannot; a driver refuses a step it lacks, or one whose
 * parameters for its family are missing. Forms in the UI are generated from these schemas.
 */

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 (64 lower-case hex digits)');

/** Shelly Gen2+ configuration, as partial `<Component>.SetConfig` objects (no secrets: passwords go through credential sets). */
export const ShellyConfigChangeSchema = z
  .object({
    sys: z
      .object({
        device: z
          .object({
            name: z.string().max(64).nullable().optional(),
            eco_mode: z.boolean().optional(),
            discoverable: z.boolean().optional(),
          })
          .strict()
          .optional(),
        location: z
          .object({
            tz: z.string().max(64).nullable().optional(),
            lat: z.number().min(-90).max(90).nullable().optional(),
            lon: z.number().min(-180).max(180).nullable().optional(),
          })
          .strict()
          .optional(),
        sntp: z
          .object({ server: z.string().min(1).max(253) })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    wifi: z
      .object({
        ap: z.object({ enable: z.boolean() }).strict().optional(),
        sta: z
          .object({ enable: z.boolean().optional(), ssid: z.string().min(1).max(32).optional() })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    mqtt: z
      .object({
        enable: z.boolean().optional(),
        server: z.string().max(253).nullable().optional(),
        client_id: z.string().max(64).nullable().optional(),
        user: z.string().max(64).nullable().optional(),
        topic_prefix: z.string().max(128).nullable().optional(),
      })
      .strict()
      .optional(),
    switches: z
      .array(
        z
          .object({
            id: z.number().int().min(0).max(7),
            name: z.string().max(64).nullable().optional(),
            initial_state: z.enum(['off', 'on', 'restore_last', 'match_input']).optional(),
            auto_off: z.boolean().optional(),
            auto_off_delay: z.number().min(0).max(86_400).optional(),
          })
          .strict(),
      )
      .max(8)
      .optional(),
  })
  .strict()
  .refine((c) => Object.values(c).some((v) => v !== undefined), 'say what to change');
export type ShellyConfigChange = z.infer<typeof ShellyConfigChangeSchema>;

/** A Tasmota command the config action may send, with the values it accepts and whether it restarts the device. */
export interface TasmotaCommandRule {
  /** Command name pattern, case-insensitive, anchored (e.g. `FriendlyName[1-8]`). */
  name: string;
  /** Accepted value, anchored regex. */
  value: string;
  restarts: boolean;
  description: string;
  /** The command names in words, for people: `FriendlyName1 … FriendlyName8`. */
  shown: string;
  /** The accepted values in words, for people: `text up to 32 characters, no ;`. */
  accepts: string;
  /** A whole command line it allows, as typed on the console: `DeviceName Pump room`. */
  example: string;
}

/** Commands a config change may send (data, shown in the UI). Reset is deliberately absent: it is its own action. */
export const TASMOTA_CONFIG_COMMANDS: readonly TasmotaCommandRule[] = [
  {
    name: 'DeviceName',
    value: '[^;]{1,32}',
    restarts: false,
    description: 'device name shown in the web UI and discovery',
    shown: 'DeviceName',
    accepts: 'text up to 32 characters, no ;',
    example: 'DeviceName Pump room',
  },
  {
    name: 'FriendlyName[1-8]',
    value: '[^;]{1,32}',
    restarts: false,
    description: 'name of relay n',
    shown: 'FriendlyName1 … FriendlyName8',
    accepts: 'text up to 32 characters, no ;',
    example: 'FriendlyName1 Pump',
  },
  {
    name: 'Hostname',
    value: '[A-Za-z0-9%-]{1,32}',
    restarts: true,
    description: 'network host name',
    shown: 'Hostname',
    accepts: 'up to 32 letters, digits, % and -',
    example: 'Hostname pump-room',
  },
  {
    name: 'Timezone',
    value: '-?(1[0-3]|[0-9])|[+-][01][0-9]:[0-5][0-9]|99',
    restarts: false,
    description: '-13..+13, ±hh:mm or 99 (use TimeStd/TimeDst)',
    shown: 'Timezone',
    accepts: '-13 to 13, ±hh:mm, or 99',
    example: 'Timezone +01:00',
  },
  {
    name: 'TelePeriod',
    value: '0|[1-9][0-9]{1,2}|[1-2][0-9]{3}|3[0-5][0-9]{2}|3600',
    restarts: false,
    description: 'telemetry period: 0 off, 10..3600 s',
    shown: 'TelePeriod',
    accepts: '0, or 10 to 3600 (seconds)',
    example: 'TelePeriod 300',
  },
  {
    name: 'NtpServer[1-3]',
    value: '[A-Za-z0-9.-]{1,64}',
    restarts: false,
    description: 'NTP server n',
    shown: 'NtpServer1 … NtpServer3',
    accepts: 'a host name or IP address',
    example: 'NtpServer1 pool.ntp.org',
  },
  {
    name: 'SetOption([0-9]|[1-9][0-9]|1[0-5][0-9])',
    value: '[0-9]{1,5}|on|off',
    restarts: false,
    description: 'option flag or value',
    shown: 'SetOption0 … SetOption159',
    accepts: 'a number up to 5 digits, on or off',
    example: 'SetOption53 1',
  },
  {
    name: 'PowerOnState',
    value: '[0-5]',
    restarts: false,
    description: 'relay state after power-up',
    shown: 'PowerOnState',
    accepts: '0 to 5',
    example: 'PowerOnState 3',
  },
  {
    name: 'LedState',
    value: '[0-8]',
    restarts: false,
    description: 'status LED behaviour',
    shown: 'LedState',
    accepts: '0 to 8',
    example: 'LedState 1',
  },
  {
    name: 'PowerRetain|SensorRetain|StateRetain|StatusRetain|InfoRetain',
    value: '[01]|on|off',
    restarts: false,
    description: 'MQTT retain flags',
    shown: 'PowerRetain, SensorRetain, StateRetain, StatusRetain, InfoRetain',
    accepts: '0, 1, on or off',
    example: 'PowerRetain on',
  },
  {
    name: 'MqttHost',
    value: '[A-Za-z0-9.-]{1,64}',
    restarts: true,
    description: 'MQTT broker host',
    shown: 'MqttHost',
    accepts: 'a host name or IP address',
    example: 'MqttHost 192.168.1.10',
  },
  {
    name: 'MqttPort',
    value: '[0-9]{1,5}',
    restarts: true,
    description: 'MQTT broker port',
    shown: 'MqttPort',
    accepts: 'a port number',
    example: 'MqttPort 1883',
  },
  {
    name: 'MqttUser',
    value: '[^;\\s]{1,32}',
    restarts: true,
    description: 'MQTT user name',
    shown: 'MqttUser',
    accepts: 'up to 32 characters, no spaces or ;',
    example: 'MqttUser tasmota',
  },
  {
    name: 'Topic',
    value: '[A-Za-z0-9_%-]{1,32}',
    restarts: true,
    description: 'device topic',
    shown: 'Topic',
    accepts: 'up to 32 letters, digits, _, % and -',
    example: 'Topic pump_room',
  },
  {
    name: 'FullTopic',
    value: '[A-Za-z0-9_%/-]{1,100}',
    restarts: true,
    description: 'full topic pattern (needs %topic%)',
    shown: 'FullTopic',
    accepts: 'letters, digits, _ % / -, with %topic%',
    example: 'FullTopic %prefix%/%topic%/',
  },
  {
    name: 'GroupTopic[1-4]',
    value: '[A-Za-z0-9_-]{1,32}',
    restarts: true,
    description: 'group topic n',
    shown: 'GroupTopic1 … GroupTopic4',
    accepts: 'up to 32 letters, digits, _ and -',
    example: 'GroupTopic1 pumps',
  },
];

/** Read-only or harmless commands the raw-command action may send (data, shown in the UI). */
export const TASMOTA_RAW_COMMANDS: readonly TasmotaCommandRule[] = [
  {
    name: 'Status',
    value: '([0-9]|1[0-3])?',
    restarts: false,
    description: 'status section (0 = all)',
    shown: 'Status',
    accepts: 'nothing, or a section 0 to 13',
    example: 'Status 0',
  },
  {
    name: 'State',
    value: '',
    restarts: false,
    description: 'current state',
    shown: 'State',
    accepts: 'nothing',
    example: 'State',
  },
  {
    name: 'Power[1-8]?',
    value: '0|1|2|on|off|toggle|',
    restarts: false,
    description: 'switch a relay',
    shown: 'Power, Power1 … Power8',
    accepts: 'nothing, 0, 1, 2, on, off or toggle',
    example: 'Power1 toggle',
  },
  {
    name: 'Time',
    value: '',
    restarts: false,
    description: 'device time',
    shown: 'Time',
    accepts: 'nothing',
    example: 'Time',
  },
  {
    name: 'Modules',
    value: '',
    restarts: false,
    description: 'list modules',
    shown: 'Modules',
    accepts: 'nothing',
    example: 'Modules',
  },
  {
    name: 'Gpio',
    value: '',
    restarts: false,
    description: 'list GPIO assignments',
    shown: 'Gpio',
    accepts: 'nothing',
    example: 'Gpio',
  },
];

/** Finds the rule a `name value` pair matches, or null. */
export function matchTasmotaRule(
  rules: readonly TasmotaCommandRule[],
  name: string,
  value: string,
): TasmotaCommandRule | null {
  return (
    rules.find(
      (r) => new RegExp(`^(${r.name})$`, 'i').test(name) && new RegExp(`^(${r.value})$`, 'i').test(value),
    ) ?? null
  );
}

const TasmotaCommandSchema = z
  .object({ command: z.string().min(1).max(32), value: z.string().max(100) })
  .strict()
  .refine((c) => matchTasmotaRule(TASMOTA_CONFIG_COMMANDS, c.command, c.value) !== null, {
    message: 'not an allowed Tasmota config command or value',
  });

export const TasmotaConfigChangeSchema = z
  .object({ commands: z.array(TasmotaCommandSchema).min(1).max(30) })
  .strict();
export type TasmotaConfigChange = z.infer<typeof TasmotaConfigChangeSchema>;

export const JobStepSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('reboot') }).strict(),
  /**
   * Each device takes the first library image made for it (Shelly: its app; Tasmota, ESPHome: its chip); a
   * device with none is not touched. `allowDowngrade` (default false): install an image older than the
   * version the device runs; without it such a device is skipped. Optional in the type so steps written
   * before it stay valid; parsing fills in false.
   */
  z
    .object({
      action: z.literal('firmware-update'),
      images: z.array(Sha256Schema).min(1).max(50),
      allowDowngrade: z.boolean().default(false).optional(),
    })
    .strict(),
  z
    .object({
      action: z.literal('config-change'),
      shelly: ShellyConfigChangeSchema.optional(),
      tasmota: TasmotaConfigChangeSchema.optional(),
    })
    .strict()
    .refine(
      (s) => s.shelly !== undefined || s.tasmota !== undefined,
      'a config change needs Shelly or Tasmota settings',
    ),
  /** Status and configuration stored as an artifact. */
  z.object({ action: z.literal('collect') }).strict(),
  /** Destructive. Tasmota needs the level chosen explicitly (Reset 1..6, PROTOCOLS.md §2.4). */
  z
    .object({ action: z.literal('factory-reset'), tasmotaLevel: z.number().int().min(1).max(6).optional() })
    .strict(),
  /** Shelly device password from a credential set; null turns authentication off. */
  z
    .object({
      action: z.literal('set-password'),
      credentialSetId: z
        .string()
        .regex(/^cred_[0-9a-z]{8,40}$/)
        .nullable(),
    })
    .strict(),
  /** One allow-listed Tasmota command (TASMOTA_RAW_COMMANDS). */
  z
    .object({
      action: z.literal('raw-command'),
      command: z.string().min(1).max(32),
      value: z.string().max(100).default(''),
    })
    .strict()
    .refine(
      (s) => matchTasmotaRule(TASMOTA_RAW_COMMANDS, s.command, s.value) !== null,
      'not an allowed raw command',
    ),
]);
export type JobStep = z.infer<typeof JobStepSchema>;
export type StepAction = JobStep['action'];
export const STEP_ACTIONS = [
  'reboot',
  'firmware-update',
  'config-change',
  'collect',
  'factory-reset',
  'set-password',
  'raw-command',
] as const satisfies readonly StepAction[];

/** Steps that cannot be undone: starting them needs a typed confirmation. */
export const DESTRUCTIVE_ACTIONS: ReadonlySet<StepAction> = new Set(['factory-reset']);
