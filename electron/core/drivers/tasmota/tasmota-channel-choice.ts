import type { HttpClient } from '../../transport/http-client';
import type { MqttSessionManager } from '../../transport/mqtt-session';
import type { SerialSessionRegistry } from '../../transport/serial-session-registry';
import type { DeviceCredentials, DeviceEndpoint, HttpEndpoint } from '../device-driver';
import { DeviceError } from '../../device-error';
import { isNoAnswer, type TasmotaChannel } from './tasmota-channel';
import { HttpChannel } from './tasmota-http-channel';
import { TasmotaLink, type Status0Reading } from './tasmota-link';
import { MqttChannel, mqttEndpointProblem, type MqttEndpoint } from './tasmota-mqtt-channel';
import { SerialChannel, type SerialEndpoint } from './tasmota-serial-channel';

/** The transports this driver was given; MQTT and serial are optional (an HTTP-only app still works). */
export interface TasmotaTransports {
  http: HttpClient;
  mqtt?: MqttSessionManager;
  serial?: SerialSessionRegistry;
}

export type ChannelCandidate =
  | { transport: 'mqtt'; endpoint: MqttEndpoint }
  | { transport: 'http'; endpoint: HttpEndpoint }
  | { transport: 'serial'; endpoint: SerialEndpoint };

export interface CandidateRules {
  /** State of a broker; undefined when the driver has no MQTT sessions or the broker is not configured. */
  brokerState(brokerId: string): string | undefined;
  hasSerial: boolean;
  /** Leave MQTT out (a config change that moves the device off its broker cannot be read back there). */
  avoidMqtt?: boolean;
}

/**
 * The order to try transports in: MQTT endpoints whose broker is connected, then HTTP, then serial, each
 * in the inventory's order (online first). `skipped` says why the other endpoints are not tried.
 */
export function channelCandidates(
  endpoints: readonly DeviceEndpoint[],
  rules: CandidateRules,
): { candidates: ChannelCandidate[]; skipped: string[] } {
  const mqtt: ChannelCandidate[] = [];
  const http: ChannelCandidate[] = [];
  const serial: ChannelCandidate[] = [];
  const skipped: string[] = [];
  for (const endpoint of endpoints) {
    if (endpoint.transport === 'mqtt') {
      const state = rules.brokerState(endpoint.brokerId);
      const problem = rules.avoidMqtt
        ? 'this change moves the device off its broker, so it is not sent over MQTT'
        : state !== 'connected'
          ? `broker ${endpoint.brokerId} is ${state ?? 'not configured'}`
          : mqttEndpointProblem(endpoint);
      if (problem === null) mqtt.push({ transport: 'mqtt', endpoint });
      else skipped.push(`MQTT ${endpoint.topic}: ${problem}`);
    } else if (endpoint.transport === 'http') {
      http.push({ transport: 'http', endpoint });
    } else if (endpoint.transport === 'serial') {
      if (rules.hasSerial) serial.push({ transport: 'serial', endpoint });
      else skipped.push(`serial ${endpoint.path}: no serial sessions in this app`);
    }
  }
  return { candidates: [...mqtt, ...http, ...serial], skipped };
}

export interface OpenLinkOptions {
  transports: TasmotaTransports;
  endpoints: readonly DeviceEndpoint[];
  mac: string | null;
  /** Asked only when an HTTP endpoint is tried. */
  credentials(): Promise<DeviceCredentials | null>;
  signal: AbortSignal;
  commandTimeoutMs: number;
  avoidMqtt?: boolean;
}

async function makeChannel(candidate: ChannelCandidate, options: OpenLinkOptions): Promise<TasmotaChannel> {
  const { transports } = options;
  switch (candidate.transport) {
    case 'mqtt':
      return new MqttChannel(transports.mqtt!, candidate.endpoint, options.mac);
    case 'http':
      return new HttpChannel(transports.http, candidate.endpoint, await options.credentials());
    case 'serial':
      return SerialChannel.open(transports.serial!, candidate.endpoint);
  }
}

/**
 * Opens the first transport on which the device answers its full status (`Status0`; that reading is also
 * every step's baseline and identity check). Only "nothing answered" moves on to the next transport; a refusal, a bad
 * reply or another device at the address is an answer and fails at once.
 */
export async function openLink(
  options: OpenLinkOptions,
): Promise<{ link: TasmotaLink; baseline: Status0Reading }> {
  const { mqtt, serial } = options.transports;
  const { candidates, skipped } = channelCandidates(options.endpoints, {
    brokerState: (id) => mqtt?.broker(id)?.state,
    hasSerial: serial !== undefined,
    avoidMqtt: options.avoidMqtt,
  });
  if (candidates.length === 0) {
    const why = skipped.length > 0 ? skipped.join('; ') : 'no MQTT, HTTP or serial endpoint is known';
    throw new DeviceError(
      options.avoidMqtt ? 'unsupported' : 'unreachable',
      `cannot reach the device: ${why}`,
    );
  }
  const failures: DeviceError[] = [];
  for (const candidate of candidates) {
    let channel: TasmotaChannel | undefined;
    try {
      channel = await makeChannel(candidate, options);
      const link = new TasmotaLink(channel, options.mac, options.signal, options.commandTimeoutMs);
      return { link, baseline: await link.status0() };
    } catch (error) {
      await channel?.close();
      if (!isNoAnswer(error)) throw error;
      failures.push(error);
    }
  }
  throw new DeviceError(failures[0]!.reason, failures.map((e) => e.message).join('; '));
}
