import type { z } from 'zod';
import {
  ShellyConfigChangeSchema,
  TasmotaConfigChangeSchema,
  TASMOTA_CONFIG_COMMANDS,
  type ShellyConfigChange,
  type TasmotaCommandRule,
  type TasmotaConfigChange,
} from '../../../../shared/domain/device-actions';
import { jsonSchemaOf, type JsonSchemaNode } from '../../components/schema-form/json-schema';
import type { Draft } from '../../components/schema-form/schema-draft';
import type { SchemaFormHints } from '../../components/schema-form/schema-form';
import type { JobStepInput } from './family-actions';

export type ConfigFamily = 'shelly' | 'tasmota';

export interface ConfigFormSpec {
  /** The contract's parameter schema for this family: the form is generated from it and validated by it. */
  schema: z.ZodType;
  hints: SchemaFormHints;
  initialDraft: Draft;
  /** Allow-listed commands shown next to the form (Tasmota). */
  allowList: readonly TasmotaCommandRule[] | null;
  /** The step for a value `schema` parsed. */
  toStep: (value: unknown) => JobStepInput;
}

const SHELLY_LABELS: Record<string, string> = {
  sys: 'System',
  'sys.device': 'Device',
  'sys.device.name': 'Device name',
  'sys.device.eco_mode': 'Eco mode',
  'sys.device.discoverable': 'Discoverable',
  'sys.location': 'Location',
  'sys.location.tz': 'Time zone',
  'sys.location.lat': 'Latitude',
  'sys.location.lon': 'Longitude',
  'sys.sntp': 'Time server',
  'sys.sntp.server': 'SNTP server',
  wifi: 'Wi-Fi',
  'wifi.ap': 'Access point',
  'wifi.ap.enable': 'Access point on',
  'wifi.sta': 'Client (STA)',
  'wifi.sta.enable': 'Client on',
  'wifi.sta.ssid': 'SSID',
  mqtt: 'MQTT',
  'mqtt.enable': 'MQTT on',
  'mqtt.server': 'MQTT server',
  'mqtt.client_id': 'MQTT client id',
  'mqtt.user': 'MQTT user',
  'mqtt.topic_prefix': 'Topic prefix',
  switches: 'Switches',
  'switches.*': 'Switch',
  'switches.*.id': 'Switch id',
  'switches.*.name': 'Switch name',
  'switches.*.initial_state': 'Initial state',
  'switches.*.auto_off': 'Auto off',
  'switches.*.auto_off_delay': 'Auto off delay (s)',
};

export const CONFIG_FORMS: Record<ConfigFamily, ConfigFormSpec> = {
  shelly: {
    schema: ShellyConfigChangeSchema,
    hints: { labels: SHELLY_LABELS, newRow: { switches: (index) => ({ id: String(index) }) } },
    initialDraft: {},
    allowList: null,
    toStep: (value) => ({ action: 'config-change', shelly: value as ShellyConfigChange }),
  },
  tasmota: {
    schema: TasmotaConfigChangeSchema,
    hints: {
      labels: {
        commands: 'Commands',
        'commands.*': 'Command',
        'commands.*.command': 'Command name',
        'commands.*.value': 'Value',
      },
      newRow: { commands: () => ({ command: '', value: '' }) },
    },
    initialDraft: { commands: [{ command: '', value: '' }] },
    allowList: TASMOTA_CONFIG_COMMANDS,
    toStep: (value) => ({ action: 'config-change', tasmota: value as TasmotaConfigChange }),
  },
};

const jsonSchemas = new Map<ConfigFamily, JsonSchemaNode>();

/** The JSON Schema of the family's parameters, built once (not at import time: zod's CSP setting comes first). */
export function configJsonSchema(family: ConfigFamily): JsonSchemaNode {
  let schema = jsonSchemas.get(family);
  if (!schema) {
    schema = jsonSchemaOf(CONFIG_FORMS[family].schema);
    jsonSchemas.set(family, schema);
  }
  return schema;
}

export function isConfigFamily(family: string): family is ConfigFamily {
  return family === 'shelly' || family === 'tasmota';
}
