/**
 * A back-office consumer of Fieldbatch's MQTT sync (docs/sync-consumer.md): subscribes at QoS 1 with a
 * persistent session and applies each record's effect exactly once by recording its id in the same SQLite
 * transaction as the effect. Delivery is at least once, so duplicates arrive (after reconnects, retries);
 * they are counted and ignored.
 *
 *   npx tsx examples/sync-consumer/consumer.ts --url mqtts://broker:8883 --prefix fieldbatch/site-1 \
 *     --db central.db [--ca ca.pem] [--client-id central-1]   (username/password from MQTT_USERNAME/MQTT_PASSWORD)
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { connect, type MqttClient } from 'mqtt';

/** The payload of every sync message (schema of `body` is versioned by `body.schema`). */
export interface SyncMessage {
  id: string;
  kind: string;
  at: number;
  body: { schema: number } & Record<string, unknown>;
}

export function parseSyncMessage(payload: Buffer): SyncMessage | null {
  try {
    const m = JSON.parse(payload.toString('utf8')) as Partial<SyncMessage>;
    const ok =
      typeof m.id === 'string' &&
      typeof m.kind === 'string' &&
      typeof m.at === 'number' &&
      typeof m.body === 'object' &&
      m.body !== null &&
      typeof m.body.schema === 'number';
    return ok ? (m as SyncMessage) : null;
  } catch {
    return null;
  }
}

/**
 * Dedup and effect in one transaction: `processed` remembers every id applied; the effect (here a
 * per-kind counter and, for executions, the latest result per device) runs only for an id not seen before.
 */
export class IdempotentStore {
  private readonly claim;
  private readonly count;
  private readonly result;

  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS processed (id TEXT PRIMARY KEY, kind TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS effects (kind TEXT PRIMARY KEY, n INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS device_results (device_id TEXT PRIMARY KEY, job_id TEXT, state TEXT, at INTEGER);`);
    this.claim = db.prepare('INSERT OR IGNORE INTO processed (id, kind, at) VALUES (?, ?, ?)');
    this.count = db.prepare(
      'INSERT INTO effects (kind, n) VALUES (?, 1) ON CONFLICT (kind) DO UPDATE SET n = n + 1',
    );
    this.result = db.prepare(
      `INSERT INTO device_results (device_id, job_id, state, at) VALUES (?, ?, ?, ?)
       ON CONFLICT (device_id) DO UPDATE SET job_id = excluded.job_id, state = excluded.state, at = excluded.at
       WHERE excluded.at >= device_results.at`,
    );
  }

  /** True when the message was new and its effect applied; false for a duplicate. */
  apply(m: SyncMessage): boolean {
    return this.db.transaction(() => {
      if (this.claim.run(m.id, m.kind, m.at).changes === 0) return false;
      this.count.run(m.kind);
      if (m.kind === 'job.execution' && typeof m.body.deviceId === 'string') {
        this.result.run(m.body.deviceId, m.body.jobId ?? null, m.body.state ?? null, m.at);
      }
      return true;
    })();
  }

  /** Effects applied so far (each new id counts once). */
  effects(): number {
    return (this.db.prepare('SELECT coalesce(sum(n), 0) AS n FROM effects').get() as { n: number }).n;
  }
}

export interface ConsumerOptions {
  url: string;
  topicPrefix: string;
  store: IdempotentStore;
  /** Fixed, with `clean: false`: the broker queues messages for this consumer while it is away. */
  clientId: string;
  ca?: string;
  username?: string;
  password?: string;
  reconnectPeriodMs?: number;
  /** Every message received, after it was applied (`fresh`) or found a duplicate. */
  onMessage?: (m: SyncMessage | null, fresh: boolean) => void;
}

/** Connects and subscribes to `<prefix>/#` at QoS 1; resolves once subscribed. */
export async function startConsumer(o: ConsumerOptions): Promise<MqttClient> {
  const client = connect(o.url, {
    clientId: o.clientId,
    clean: false,
    protocolVersion: 4,
    ca: o.ca,
    username: o.username,
    password: o.password,
    rejectUnauthorized: true,
    reconnectPeriod: o.reconnectPeriodMs ?? 1_000,
  });
  client.on('error', () => undefined); // reconnects on its own; errors show as reconnects
  // mqtt.js sends the PUBACK after this handler returns, so the effect is committed before the ack.
  client.on('message', (_topic, payload) => {
    const m = parseSyncMessage(payload);
    o.onMessage?.(m, m !== null && o.store.apply(m));
  });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () =>
      client.subscribe(`${o.topicPrefix}/#`, { qos: 1 }, (e) => (e ? reject(e) : resolve())),
    );
  });
  return client;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      prefix: { type: 'string', default: 'fieldbatch' },
      db: { type: 'string', default: 'sync-consumer.db' },
      ca: { type: 'string' },
      'client-id': { type: 'string', default: 'fieldbatch-central' },
    },
  });
  if (!values.url) throw new Error('--url is required (mqtt:// or mqtts://)');
  const store = new IdempotentStore(new Database(values.db));
  let duplicates = 0;
  await startConsumer({
    url: values.url,
    topicPrefix: values.prefix,
    clientId: values['client-id'],
    store,
    ca: values.ca ? readFileSync(values.ca, 'utf8') : undefined,
    username: process.env.MQTT_USERNAME,
    password: process.env.MQTT_PASSWORD,
    onMessage: (m, fresh) => {
      if (!fresh) duplicates += 1;
      console.log(JSON.stringify({ id: m?.id ?? null, fresh, effects: store.effects(), duplicates }));
    },
  });
  console.error(`subscribed to ${values.prefix}/# on ${values.url}`);
}

if (process.argv[1]?.endsWith('consumer.ts')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
