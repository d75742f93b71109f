import type { networkInterfaces } from 'node:os';
import { z } from 'zod';
import { DomainError } from '../errors';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsRepository } from '../storage/repositories/settings-repository';

const KEY = 'embeddedBroker';
const PASSWORD_KEY = 'embedded-broker:password';

const StoredSchema = z.object({
  /** Running when the app last closed (or last stopped by hand: false): start it again with the app. */
  startsWithApp: z.boolean(),
  /** The NIC's name, so a new DHCP address on the same NIC still works after a restart. */
  interfaceName: z.string().nullable(),
  interfaceAddress: z.string().nullable(),
  /** The port it last listened on; devices were told this one. */
  port: z.number().int().nullable(),
  username: z.string().nullable(),
});
export type StoredBroker = z.infer<typeof StoredSchema>;

const NOTHING: StoredBroker = {
  startsWithApp: false,
  interfaceName: null,
  interfaceAddress: null,
  port: null,
  username: null,
};

/** The built-in broker's settings row (the settings table) and its password (the SecretStore). */
export class BrokerSettings {
  constructor(
    private readonly deps: {
      settings: Pick<SettingsRepository, 'read' | 'write'>;
      secrets: SecretStore;
      interfaces: typeof networkInterfaces;
    },
  ) {}

  stored(): StoredBroker {
    return this.deps.settings.read(KEY, NOTHING, (v) => StoredSchema.safeParse(v).data ?? null);
  }

  save(next: StoredBroker): void {
    this.deps.settings.write(KEY, next);
  }

  password(): Promise<string | null> {
    return this.deps.secrets.get(PASSWORD_KEY);
  }

  setPassword(password: string): Promise<void> {
    return this.deps.secrets.set(PASSWORD_KEY, password);
  }

  /** The NIC holding `address`; a typed error in plain words when none does. */
  interfaceNamed(address: string): string {
    for (const [name, addresses] of Object.entries(this.deps.interfaces())) {
      if ((addresses ?? []).some((a) => a.family === 'IPv4' && a.address === address)) return name;
    }
    throw new DomainError(
      'INVALID_INPUT',
      `no network interface of this computer has the address ${address}: pick one from the list`,
    );
  }

  /** Where to listen after a restart: the NIC's IPv4 address today, else the address it had. */
  currentAddress(stored: StoredBroker): string | null {
    const addresses =
      stored.interfaceName === null ? undefined : this.deps.interfaces()[stored.interfaceName];
    return addresses?.find((a) => a.family === 'IPv4')?.address ?? stored.interfaceAddress;
  }
}
