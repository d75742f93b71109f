import type { DeviceId } from '../../../shared/domain/device';
import type { CredentialSet, CredentialSetId, CredentialSetSave } from '../../../shared/domain/credentials';
import type { DeviceCredentials } from '../drivers/device-driver';
import { DomainError } from '../errors';
import type { Clock, IdSource } from '../ports';
import type { SecretStore } from '../secrets/secret-store';
import type { CredentialRepository } from '../storage/repositories/credential-repository';

const secretKey = (id: CredentialSetId) => `credential:${id}:password`;

/** Credential sets: per site (the default) or per device; passwords in the SecretStore, never sent to the renderer. */
export class CredentialService {
  constructor(
    private readonly deps: { repo: CredentialRepository; secrets: SecretStore; ids: IdSource; clock: Clock },
  ) {}

  list(): CredentialSet[] {
    return this.deps.repo.list();
  }

  async save(input: CredentialSetSave): Promise<CredentialSet> {
    const existing = input.id ? this.deps.repo.get(input.id) : null;
    if (input.id && !existing) throw new DomainError('NOT_FOUND', `no credential set ${input.id}`);
    if (!existing && input.password === undefined)
      throw new DomainError('CONFLICT', 'a new credential set needs a password');
    const id = existing?.id ?? (this.deps.ids.next('cred') as CredentialSetId);
    if (input.password !== undefined) await this.deps.secrets.set(secretKey(id), input.password);
    const at = this.deps.clock.now();
    this.deps.repo.save({
      id,
      name: input.name,
      username: input.username,
      siteDefault: input.siteDefault,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
    });
    return this.deps.repo.get(id)!;
  }

  async delete(id: CredentialSetId): Promise<boolean> {
    const deleted = this.deps.repo.delete(id);
    await this.deps.secrets.delete(secretKey(id));
    return deleted;
  }

  assign(deviceIds: readonly DeviceId[], id: CredentialSetId | null): void {
    if (id !== null && !this.deps.repo.get(id)) throw new DomainError('NOT_FOUND', `no credential set ${id}`);
    this.deps.repo.assign(deviceIds, id);
  }

  async forDevice(deviceId: DeviceId): Promise<DeviceCredentials | null> {
    const id = this.deps.repo.setFor(deviceId);
    return id ? this.byId(id) : null;
  }

  async byId(id: string): Promise<DeviceCredentials | null> {
    const set = this.deps.repo.get(id as CredentialSetId);
    if (!set) return null;
    const password = await this.deps.secrets.get(secretKey(set.id));
    return password === null ? null : { username: set.username, password };
  }

  /** Every stored password, so artifacts and logs can be scrubbed of them. */
  async knownSecrets(): Promise<string[]> {
    const values = await Promise.all(
      this.deps.repo.list().map((s) => this.deps.secrets.get(secretKey(s.id))),
    );
    return values.filter((v): v is string => v !== null && v.length >= 4);
  }
}
