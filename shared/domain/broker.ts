import { z } from 'zod';
import { ipv4ToNumber } from '../util/ipv4';

/** The port Tasmota uses when none is set (tasmota/my_user_config.h, `MQTT_PORT 1883`). */
export const DEFAULT_BROKER_PORT = 1883;

/**
 * The id the app's MQTT sessions know the built-in broker by (a BrokerId: `brk_` + 8..40 of [0-9a-z]); the
 * Discovery view tells it from the configured brokers by it.
 */
export const EMBEDDED_BROKER_ID = 'brk_embedded';

/**
 * A user name or password as Tasmota can hold and as `Backlog` can carry: older firmware stores each in 32
 * characters (settings.h `char mqtt_user[33]`, `mqtt_pwd[33]`); `;` would end the Backlog command and
 * whitespace would be cut; `0` and `1` are the commands' "clear" and "default" values, never literal text.
 */
function credentialText(what: string) {
  return z
    .string()
    .min(1, `the ${what} is empty`)
    .max(32, `the ${what} is longer than 32 characters (Tasmota keeps 32)`)
    .refine((text) => !/[\s;]/.test(text), `the ${what} may not contain spaces or ";"`)
    .refine((text) => text !== '0' && text !== '1', `the ${what} may not be "0" or "1" (Tasmota commands)`);
}

export const BrokerUsernameSchema = credentialText('user name');
export const BrokerPasswordSchema = credentialText('password').refine(
  (text) => text.length >= 8,
  'the password needs at least 8 characters',
);

export const BrokerStartSchema = z
  .object({
    /** The IPv4 address of the network interface to listen on (one of discovery.listInterfaces). */
    interfaceAddress: z
      .string()
      .trim()
      .refine((text) => ipv4ToNumber(text) !== null, 'expected an IPv4 address such as 192.168.1.10'),
    /**
     * Absent: the port of the last start (devices know it), the first time 1883; a free one when that is
     * taken (the status says so). Given: exactly this port, or an error.
     */
    port: z.number().int().min(1).max(65_535).optional(),
    username: BrokerUsernameSchema,
    /** Absent: the password stored the last time. */
    password: BrokerPasswordSchema.optional(),
  })
  .strict();
export type BrokerStart = z.infer<typeof BrokerStartSchema>;

export const EmbeddedBrokerStateSchema = z.enum(['stopped', 'starting', 'running', 'error']);
export type EmbeddedBrokerState = z.infer<typeof EmbeddedBrokerStateSchema>;

/** The built-in broker as the Discovery view shows it. The password never leaves main. */
export const EmbeddedBrokerStatusSchema = z.object({
  state: EmbeddedBrokerStateSchema,
  /** Where it listens (running) or last listened / will listen (stopped, from the settings). */
  interfaceAddress: z.string().nullable(),
  port: z.number().int().nullable(),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  /** Devices connected now; the app's own connection is not counted. */
  deviceCount: z.number().int().nonnegative(),
  /** Announced on the interface as `_mqtt._tcp`. */
  announced: z.boolean(),
  /** It was running when the app closed, so the app starts it again. */
  startsWithApp: z.boolean(),
  /** Something worth knowing while it runs, in plain words (e.g. the port chosen because 1883 was taken). */
  note: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type EmbeddedBrokerStatus = z.infer<typeof EmbeddedBrokerStatusSchema>;

/** What to type into a Tasmota console (or send as one command) to use this broker. */
export function tasmotaBacklog(
  status: Pick<EmbeddedBrokerStatus, 'interfaceAddress' | 'port' | 'username'>,
  password: string,
): string | null {
  if (status.interfaceAddress === null || status.port === null || status.username === null) return null;
  return `Backlog MqttHost ${status.interfaceAddress}; MqttPort ${status.port}; MqttUser ${status.username}; MqttPassword ${password}`;
}
