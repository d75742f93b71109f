import type { TasmotaIdentity } from './tasmota-identity';

export const MAX_FRIENDLY_NAMES = 8;
export const DEFAULT_OTA_URL = 'http://ota.tasmota.com/tasmota/release/tasmota.bin.gz';

/** Where the fleet told the device to connect; Reset 1..6 come back to these "compiled-in" values. */
export interface MqttDefaults {
  host: string;
  port: number;
}

/** The settings flash of one device (what `Reset` wipes and commands change). */
export interface TasmotaSettings {
  deviceName: string;
  friendlyNames: string[];
  topic: string;
  fullTopic: string;
  groupTopics: string[];
  prefixes: [string, string, string];
  mqttHost: string;
  mqttPort: number;
  mqttUser: string;
  mqttPassword: string;
  mqttClient: string;
  hostname: string;
  otaUrl: string;
  /** SetOption values by number (absent = 0). */
  setOptions: Record<number, number>;
  /** `+01:00` style or 99 (use the time zone rules). */
  timezone: string | 99;
  telePeriod: number;
  power: number;
  powerOnState: number;
  webPassword: string;
  serialLog: number;
  webLog: number;
  ntpServers: string[];
  bootCount: number;
  saveCount: number;
}

export function defaultSettings(identity: TasmotaIdentity, mqtt: MqttDefaults): TasmotaSettings {
  return {
    deviceName: 'Tasmota',
    friendlyNames: Array.from({ length: identity.model.relays }, (_, i) =>
      i === 0 ? 'Tasmota' : `Tasmota${i + 1}`,
    ),
    topic: identity.topic,
    fullTopic: '%prefix%/%topic%/',
    groupTopics: ['tasmotas', '', '', ''],
    prefixes: ['cmnd', 'stat', 'tele'],
    mqttHost: mqtt.host,
    mqttPort: mqtt.port,
    mqttUser: 'DVES_USER',
    mqttPassword: '',
    mqttClient: 'DVES_%06X',
    hostname: identity.hostname,
    otaUrl: DEFAULT_OTA_URL,
    setOptions: {},
    timezone: 99,
    telePeriod: 300,
    power: 0,
    powerOnState: 3,
    webPassword: '',
    serialLog: 2,
    webLog: 2,
    ntpServers: ['pool.ntp.org', '', ''],
    bootCount: 1,
    saveCount: 1,
  };
}

/**
 * `Reset <level>` (§2.4): 1 = all defaults; 2..6 erase flash as well, where 4/5 keep WiFi and 6 also
 * keeps the MQTT host, port, user, password and topic. The simulator has no WiFi settings to keep.
 */
export function resetSettings(
  current: TasmotaSettings,
  level: number,
  identity: TasmotaIdentity,
  mqtt: MqttDefaults,
): TasmotaSettings {
  const fresh = defaultSettings(identity, mqtt);
  fresh.bootCount = current.bootCount;
  if (level === 6) {
    fresh.mqttHost = current.mqttHost;
    fresh.mqttPort = current.mqttPort;
    fresh.mqttUser = current.mqttUser;
    fresh.mqttPassword = current.mqttPassword;
    fresh.topic = current.topic;
  }
  return fresh;
}

/** The MQTT client id with the `%06X` mask filled in (`DVES_%06X` → `DVES_B3C4D5`). */
export function clientIdOf(settings: TasmotaSettings, identity: TasmotaIdentity): string {
  return settings.mqttClient.replace('%06X', identity.suffix);
}
