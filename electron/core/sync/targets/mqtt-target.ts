import { connect as mqttConnect, type IClientOptions, type MqttClient } from 'mqtt';
import { ENCRYPTED_LINK_HINT } from '../../../../shared/domain/sync-transport';
import { DomainError } from '../../errors';
import type { DeliveryOutcome, OutboxRecord, SyncTarget } from '../sync-target';
import { assertEncryptedLink, TLS_CLIENT } from './encrypted-link';
import { ReplayMarkingStore } from './replay-marking-store';
import { tlsFailureWords } from './tls-failure';

export interface MqttTargetOptions {
  /** Stable target id (cursor key). */
  id: string;
  /** `mqtts://host:port` (TLS); `mqtt://` only to this computer (see encrypted-link.ts). */
  url: string;
  username?: string;
  password?: string;
  /** PEM of the CA that signed the broker's certificate (default: the system's CAs). */
  ca?: string;
  /** Client certificate and key (PEM) for brokers that authenticate clients by certificate. */
  cert?: string;
  key?: string;
  /** Topics are `<topicPrefix>/<kind>/<id>`. */
  topicPrefix: string;
  /** Fixed per target: with `clean: false` the broker keeps the session for it across reconnects. */
  clientId: string;
  /** MQTT protocol level: 4 (3.1.1, default: aedes and every broker speak it) or 5. */
  protocolVersion?: 4 | 5;
  /** Wait between reconnects within a delivery. Default 1 s. */
  reconnectPeriodMs?: number;
  /** A delivery fails when no PUBACK arrived for this long (broker gone, link dead). Default 15 s. */
  stallTimeoutMs?: number;
  /** Transport factory (tests); default mqtt.js `connect`. */
  connect?: (url: string, options: IClientOptions) => MqttClient;
}

/** TLS verdicts and refused credentials, in words: trying again cannot help until the settings change. */
function permanentFailure(error: Error & { code?: unknown }, host: string): string | null {
  const tls = tlsFailureWords(error);
  if (tls !== null) return `cannot connect securely to ${host}: ${tls}`;
  const code = error.code;
  if (code === 4 || code === 5 || code === 134 || code === 135)
    return `${host} refused the connection: ${error.message}`; // CONNACK: bad credentials, not authorised
  return null;
}

/** A topic level must not hold `+`, `#` or `/`; percent-encodes them (and `%`) so distinct ids stay distinct. */
function topicLevel(id: string): string {
  return id.replace(/[%+#/]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Publishes each record at QoS 1 to `<prefix>/<kind>/<id>` with the record's JSON (`{id, kind, at, body}`)
 * as payload, pipelined, and reports delivery only once PUBACKs arrived (the acknowledged prefix on failure).
 * A fixed client id with `clean: false`: when the link drops within a delivery, mqtt.js reconnects and
 * replays the PUBLISHes still unacknowledged from its outgoing store with their packet ids (MQTT 3.1.1
 * §4.4; mqtt.js 5 `client.js` `_onConnect` → `startStreamProcess`), with DUP set (`ReplayMarkingStore`). That store
 * lives in memory only, so it is never the source of truth: after a failed delivery the client is dropped
 * and the worker sends again from its cursor (RELIABILITY-SECURITY.md §4.2). Duplicates are therefore
 * possible, and the central side dedups by `id`.
 */
export class MqttTarget implements SyncTarget {
  readonly kind = 'mqtt' as const;
  readonly id: string;
  private client: MqttClient | null = null;
  private lastError: Error | null = null;
  private readonly options: MqttTargetOptions;

  constructor(options: MqttTargetOptions) {
    const protocol = URL.canParse(options.url) ? new URL(options.url).protocol : '';
    if (protocol !== 'mqtt:' && protocol !== 'mqtts:') {
      throw new DomainError('INVALID_INPUT', `"${options.url}": ${ENCRYPTED_LINK_HINT.mqtt}`);
    }
    assertEncryptedLink(options.url);
    if (options.topicPrefix.length === 0 || /[+#]/.test(options.topicPrefix)) {
      throw new DomainError('INVALID_INPUT', 'The topic prefix must not be empty nor hold "+" or "#".');
    }
    this.id = options.id;
    this.options = options;
  }

  async deliver(batch: readonly OutboxRecord[], signal: AbortSignal): Promise<DeliveryOutcome> {
    const client = this.connected();
    const acked = new Array<boolean>(batch.length).fill(false);
    let prefix = 0;
    return new Promise<DeliveryOutcome>((resolve) => {
      let stall: ReturnType<typeof setTimeout> | undefined;
      let settled = false;
      const finish = (outcome: DeliveryOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(stall);
        signal.removeEventListener('abort', onAbort);
        client.removeListener('error', onError);
        client.removeListener('connect', onConnect);
        // A failed delivery drops the client with its in-memory queue; the worker resends from its cursor.
        if (!outcome.ok) this.drop(client);
        resolve(outcome);
      };
      const fail = (message: string, retryable = true): void =>
        finish({ ok: false, delivered: prefix, retryable, message });
      const armStall = (): void => {
        clearTimeout(stall);
        stall = setTimeout(() => {
          const why = this.lastError ? `: ${this.lastError.message}` : '';
          fail(`no acknowledgement from ${this.host()} for ${this.stallTimeoutMs() / 1000} s${why}`);
        }, this.stallTimeoutMs());
      };
      let published = false;
      const onAbort = (): void => fail('stopped');
      const onConnect = (): void => publishAll();
      const onError = (error: Error): void => {
        const permanent = permanentFailure(error, this.host());
        if (permanent !== null) return fail(permanent, false);
        // Not even connected once for this batch: say so now (the worker backs off) instead of showing
        // "Sending" until the stall timeout. Once publishing, mqtt.js reconnects and replays (DUP=1).
        if (!published && !client.connected) fail(`cannot reach ${this.host()}: ${error.message}`);
      };
      const publishAll = (): void => {
        published = true;
        batch.forEach((record, index) => {
          const { id, kind, at, body } = record;
          client.publish(
            this.topicOf(record),
            JSON.stringify({ id, kind, at, body }),
            { qos: 1 },
            (error) => {
              if (settled) return;
              if (error) return fail(`${this.host()} did not accept ${id}: ${error.message}`);
              acked[index] = true;
              while (prefix < batch.length && acked[prefix]) prefix += 1;
              if (prefix === batch.length) return finish({ ok: true });
              armStall();
            },
          );
        });
      };
      if (signal.aborted) return fail('stopped');
      if (batch.length === 0) return finish({ ok: true });
      signal.addEventListener('abort', onAbort);
      client.on('error', onError);
      armStall();
      // Publish only once connected, so every PUBLISH mqtt.js replays after a reconnect really went out once
      // (a replay carries DUP=1); mqtt.js would otherwise queue them and send the first attempt as a replay.
      if (client.connected) publishAll();
      else client.once('connect', onConnect);
    });
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await new Promise<void>((resolve) => client.end(true, {}, () => resolve()));
  }

  private topicOf(record: OutboxRecord): string {
    return `${this.options.topicPrefix}/${record.kind}/${topicLevel(record.id)}`;
  }

  private connected(): MqttClient {
    if (this.client) return this.client;
    const o = this.options;
    const client = (o.connect ?? mqttConnect)(o.url, {
      clientId: o.clientId,
      clean: false,
      protocolVersion: o.protocolVersion ?? 4,
      // v5 needs an expiry for the session to outlive the connection (0 ends it at disconnect).
      ...(o.protocolVersion === 5 ? { properties: { sessionExpiryInterval: 3600 } } : {}),
      reconnectPeriod: o.reconnectPeriodMs ?? 1_000,
      connectTimeout: this.stallTimeoutMs(),
      username: o.username,
      password: o.password,
      ca: o.ca,
      cert: o.cert,
      key: o.key,
      ...TLS_CLIENT,
      queueQoSZero: false,
      outgoingStore: new ReplayMarkingStore(),
    });
    client.on('error', (error) => (this.lastError = error));
    client.on('connect', () => (this.lastError = null));
    this.client = client;
    return client;
  }

  private drop(client: MqttClient): void {
    if (this.client === client) this.client = null;
    client.end(true);
  }

  private host(): string {
    return new URL(this.options.url).host;
  }

  private stallTimeoutMs(): number {
    return this.options.stallTimeoutMs ?? 15_000;
  }
}
