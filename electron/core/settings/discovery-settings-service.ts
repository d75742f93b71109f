import type { networkInterfaces } from 'node:os';
import { z } from 'zod';
import { brokerHost, splitBrokerUrl, splitUserInfo } from '../../../shared/domain/broker-url';
import {
  FullTopicPatternSchema,
  type BrokerId,
  type BrokerSave,
  type BrokerSettings,
  type DiscoverySettings,
  type DiscoverySettingsUpdate,
  type NetworkInterface,
} from '../../../shared/domain/settings';
import { DomainError } from '../errors';
import type { Clock, IdSource } from '../ports';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsRepository, StoredBroker } from '../storage/repositories/settings-repository';

const KEY = 'discovery';

const StoredSchema = z.object({
  mdnsInterface: z.string().nullable(),
  mdnsEnabled: z.boolean(),
  fullTopicPatterns: z.array(FullTopicPatternSchema),
  serialAutoProbe: z.boolean(),
});
type Stored = z.infer<typeof StoredSchema>;

const DEFAULTS: Stored = {
  mdnsInterface: null,
  mdnsEnabled: true,
  fullTopicPatterns: [],
  serialAutoProbe: false,
};

/** A broker with its password, for the MQTT session manager only. */
export interface ResolvedBroker extends BrokerSettings {
  password: string | null;
}

/** What the settings drive; each is called with the new value when it changes (and once at start-up). */
export interface DiscoveryAppliers {
  mdns(options: { enabled: boolean; interfaceAddress: string | undefined }): Promise<void>;
  mqtt(options: { brokers: ResolvedBroker[]; fullTopicPatterns: string[] }): Promise<void>;
  serial(options: { autoProbe: boolean }): void;
}

const secretKey = (id: BrokerId) => `broker:${id}:password`;

/** Discovery settings and brokers: persisted in SQLite (passwords in the SecretStore) and applied at once. */
export class DiscoverySettingsService {
  private appliers: DiscoveryAppliers | null = null;

  constructor(
    private readonly deps: {
      settings: SettingsRepository;
      secrets: SecretStore;
      ids: IdSource;
      clock: Clock;
      interfaces: typeof networkInterfaces;
    },
  ) {}

  /** Connects the sources and applies the stored settings once. */
  async attach(appliers: DiscoveryAppliers): Promise<void> {
    await this.moveUrlCredentials();
    this.appliers = appliers;
    const stored = this.stored();
    await appliers.mdns({
      enabled: stored.mdnsEnabled,
      interfaceAddress: this.addressOf(stored.mdnsInterface),
    });
    await this.applyMqtt();
    appliers.serial({ autoProbe: stored.serialAutoProbe });
  }

  get(): DiscoverySettings {
    return { ...this.stored(), brokers: this.deps.settings.brokers() };
  }

  async update(patch: DiscoverySettingsUpdate): Promise<DiscoverySettings> {
    const before = this.stored();
    const next: Stored = {
      mdnsInterface: patch.mdnsInterface === undefined ? before.mdnsInterface : patch.mdnsInterface,
      mdnsEnabled: patch.mdnsEnabled ?? before.mdnsEnabled,
      fullTopicPatterns: patch.fullTopicPatterns ?? before.fullTopicPatterns,
      serialAutoProbe: patch.serialAutoProbe ?? before.serialAutoProbe,
    };
    if (next.mdnsInterface !== null && this.addressOf(next.mdnsInterface) === undefined) {
      throw new DomainError('CONFLICT', `no network interface "${next.mdnsInterface}" with an IPv4 address`);
    }
    this.deps.settings.write(KEY, next);
    if (next.mdnsInterface !== before.mdnsInterface || next.mdnsEnabled !== before.mdnsEnabled) {
      await this.appliers?.mdns({
        enabled: next.mdnsEnabled,
        interfaceAddress: this.addressOf(next.mdnsInterface),
      });
    }
    if (JSON.stringify(next.fullTopicPatterns) !== JSON.stringify(before.fullTopicPatterns))
      await this.applyMqtt();
    if (next.serialAutoProbe !== before.serialAutoProbe)
      this.appliers?.serial({ autoProbe: next.serialAutoProbe });
    return this.get();
  }

  async saveBroker(input: BrokerSave): Promise<BrokerSettings> {
    const existing = input.id ? this.deps.settings.brokers().find((b) => b.id === input.id) : undefined;
    if (input.id && !existing) throw new DomainError('NOT_FOUND', `no broker ${input.id}`);
    const id = existing?.id ?? (this.deps.ids.next('brk') as BrokerId);
    const { url, username, password } = credentialsOf(input);
    if (password === null) await this.deps.secrets.delete(secretKey(id));
    else if (password !== undefined) await this.deps.secrets.set(secretKey(id), password);
    const broker: StoredBroker = {
      id,
      name: input.name ? input.name : null,
      url,
      username,
      hasPassword: password === undefined ? (existing?.hasPassword ?? false) : password !== null,
      caPem: input.caPem,
      enabled: input.enabled,
    };
    this.deps.settings.saveBroker(broker, this.deps.clock.now());
    await this.applyMqtt();
    return { ...broker, name: broker.name ?? brokerHost(url) };
  }

  async removeBroker(id: BrokerId): Promise<boolean> {
    const removed = this.deps.settings.removeBroker(id);
    await this.deps.secrets.delete(secretKey(id));
    if (removed) await this.applyMqtt();
    return removed;
  }

  listInterfaces(): NetworkInterface[] {
    return Object.entries(this.deps.interfaces()).map(([name, addresses]) => ({
      name,
      addresses: (addresses ?? []).map((a) => a.address),
      internal: (addresses ?? []).every((a) => a.internal),
    }));
  }

  /**
   * Credentials migration 0010 took out of stored broker URLs: the user to the username column, the password
   * to the secret store. They replace the fields, as they did when still in the URL (mqtt.js lets the URL's
   * user info override the username/password options: lib/connect/index.ts, parseAuthOptions).
   */
  private async moveUrlCredentials(): Promise<void> {
    const brokers = this.deps.settings.brokers();
    const moves = this.deps.settings.urlCredentials();
    for (const { brokerId, userInfo } of moves) {
      const broker = brokers.find((b) => b.id === brokerId);
      if (!broker) continue;
      const { username, password } = splitUserInfo(userInfo);
      if (password !== null) await this.deps.secrets.set(secretKey(brokerId), password);
      this.deps.settings.urlCredentialsMoved(brokerId, {
        username: username ?? broker.username,
        hasPassword: password !== null || broker.hasPassword,
      });
    }
    if (moves.length > 0) this.deps.settings.purgeDeletedText();
  }

  private async applyMqtt(): Promise<void> {
    if (!this.appliers) return;
    const brokers = await Promise.all(
      this.deps.settings.brokers().map(async (b) => ({
        ...b,
        password: b.hasPassword ? await this.deps.secrets.get(secretKey(b.id)) : null,
      })),
    );
    await this.appliers.mqtt({ brokers, fullTopicPatterns: this.stored().fullTopicPatterns });
  }

  private stored(): Stored {
    return this.deps.settings.read(KEY, DEFAULTS, (v) => StoredSchema.safeParse(v).data ?? null);
  }

  /** IPv4 address of a NIC by name; undefined for "all" (null) or an unknown name. */
  private addressOf(name: string | null): string | undefined {
    if (name === null) return undefined;
    return (this.deps.interfaces()[name] ?? []).find((a) => a.family === 'IPv4')?.address;
  }
}

/** The URL without `user:password@`, and the credentials it carried merged with the fields. */
function credentialsOf(input: BrokerSave): {
  url: string;
  username: string | null;
  password: string | null | undefined;
} {
  const split = splitBrokerUrl(input.url);
  if (split.username !== null && input.username !== null && input.username !== split.username) {
    throw new DomainError(
      'INVALID_INPUT',
      `the URL names user "${split.username}" and the Username field "${input.username}": keep one`,
    );
  }
  if (split.password !== null && typeof input.password === 'string' && input.password !== split.password) {
    throw new DomainError(
      'INVALID_INPUT',
      'the URL and the Password field hold different passwords: keep one',
    );
  }
  return {
    url: split.url,
    username: split.username ?? input.username,
    password: split.password ?? input.password,
  };
}
