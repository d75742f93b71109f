import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  SyncTargetSettingsSchema,
  type SyncStatus,
  type SyncTargetId,
  type SyncTargetSave,
  type SyncTargetSettings,
  type SyncTargetStatus,
} from '../../../shared/domain/sync';
import { DomainError } from '../errors';
import type { IdSource, Logger } from '../ports';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsRepository } from '../storage/repositories/settings-repository';
import type { SyncTarget } from './sync-target';
import type { TargetSecrets } from './sync-target-factory';
import { assertEncryptedLink } from './targets/encrypted-link';
import type { SyncRunResult, SyncWorker, SyncWorkerStatus } from './sync-worker';

const KEY = 'sync.targets';
const StoredSchema = z.array(SyncTargetSettingsSchema);
const SECRETS = ['password', 'token', 'keyPem'] as const;
type SecretName = (typeof SECRETS)[number];
const secretKey = (id: string, name: SecretName) => `sync:${id}:${name}`;

/** The worker as this service drives it. */
export type SyncTargetSink = Pick<SyncWorker, 'setTargets' | 'status' | 'syncNow' | 'onStatus'>;

export interface SyncSettingsDeps {
  settings: Pick<SettingsRepository, 'read' | 'write'>;
  secrets: SecretStore;
  worker: SyncTargetSink;
  ids: IdSource;
  logger: Logger;
  /** Builds a target from its settings (`buildSyncTarget`; tests pass fakes). May throw: shown in status. */
  build: (settings: SyncTargetSettings, secrets: TargetSecrets) => SyncTarget;
  /** Forgets a removed target's place in the outbox, so pruning and retention stop waiting for it. */
  forget: (id: SyncTargetId) => void;
}

interface Built {
  fingerprint: string;
  target: SyncTarget;
}

/**
 * Sync targets: their settings in SQLite (JSON under `sync.targets`), their secrets (passwords, tokens, TLS
 * private keys) in the SecretStore only, never back out (`hasPassword`, `hasToken`, `hasKey`). Every change
 * rebuilds the targets whose settings or secrets changed and hands the enabled ones to the sync worker;
 * unchanged ones keep their object, so their delivery in flight goes on.
 */
export class SyncSettingsService {
  private readonly built = new Map<string, Built>();
  private readonly buildErrors = new Map<string, string>();

  constructor(private readonly deps: SyncSettingsDeps) {}

  list(): SyncTargetSettings[] {
    return this.deps.settings.read(KEY, [], (v) => StoredSchema.safeParse(v).data ?? null);
  }

  async save(input: SyncTargetSave): Promise<SyncTargetSettings> {
    const all = this.list();
    const existing = input.id ? all.find((t) => t.id === input.id) : undefined;
    if (input.id && !existing) throw new DomainError('NOT_FOUND', `no sync target ${input.id}`);
    if (existing && existing.kind !== input.kind)
      throw new DomainError(
        'INVALID_INPUT',
        `a ${existing.kind} target cannot become ${input.kind}: add a new one`,
      );
    const id = existing?.id ?? this.deps.ids.next('syn');
    const has = await this.writeSecrets(id, input, existing);
    const next = settingsOf(id, input, has);
    checkComplete(next);
    this.deps.settings.write(KEY, existing ? all.map((t) => (t.id === id ? next : t)) : [...all, next]);
    await this.apply();
    return next;
  }

  async remove(id: SyncTargetId): Promise<boolean> {
    const all = this.list();
    const rest = all.filter((t) => t.id !== id);
    for (const name of SECRETS) await this.deps.secrets.delete(secretKey(id, name));
    if (rest.length === all.length) return false;
    this.deps.settings.write(KEY, rest);
    await this.apply();
    this.deps.forget(id);
    return true;
  }

  /** Builds the targets from the stored settings (at start-up and after every change). */
  async apply(): Promise<void> {
    const targets: SyncTarget[] = [];
    const enabled = this.list().filter((t) => t.enabled);
    for (const settings of enabled) {
      const target = await this.targetFor(settings);
      if (target) targets.push(target);
    }
    for (const id of this.built.keys()) if (!enabled.some((t) => t.id === id)) this.built.delete(id);
    this.deps.worker.setTargets(targets);
  }

  status(): SyncStatus {
    return statusOf(this.list(), this.deps.worker.status(), this.buildErrors);
  }

  /** Delivers now, back-offs cleared; resolves with the status once every target is done or failed. */
  async syncNow(): Promise<SyncStatus> {
    const run: SyncRunResult = await this.deps.worker.syncNow();
    this.deps.logger.info('sync now', { pending: run.pending });
    return this.status();
  }

  /** Status on every change of the worker's; returns the unsubscribe. */
  onStatus(listener: (status: SyncStatus) => void): () => void {
    return this.deps.worker.onStatus((worker) => listener(statusOf(this.list(), worker, this.buildErrors)));
  }

  private async targetFor(settings: SyncTargetSettings): Promise<SyncTarget | null> {
    const secrets = await this.readSecrets(settings);
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([settings, secrets]))
      .digest('hex');
    const built = this.built.get(settings.id);
    if (built?.fingerprint === fingerprint) return built.target;
    try {
      const target = this.deps.build(settings, secrets);
      this.built.set(settings.id, { fingerprint, target });
      this.buildErrors.delete(settings.id);
      return target;
    } catch (error) {
      this.built.delete(settings.id);
      this.buildErrors.set(
        settings.id,
        `cannot start: ${error instanceof Error ? error.message : String(error)}`,
      );
      return null;
    }
  }

  private async readSecrets(settings: SyncTargetSettings): Promise<TargetSecrets> {
    const read = async (name: SecretName, stored: boolean) =>
      stored ? await this.deps.secrets.get(secretKey(settings.id, name)) : null;
    return {
      password: await read('password', 'hasPassword' in settings && settings.hasPassword),
      token: await read('token', 'hasToken' in settings && settings.hasToken),
      keyPem: await read('keyPem', 'hasKey' in settings && settings.hasKey),
    };
  }

  /** Applies the write-only secret fields: a value sets, null removes, absent keeps. Returns what is stored. */
  private async writeSecrets(
    id: string,
    input: SyncTargetSave,
    existing: SyncTargetSettings | undefined,
  ): Promise<Record<SecretName, boolean>> {
    const had: Record<SecretName, boolean> = {
      password: existing !== undefined && 'hasPassword' in existing && existing.hasPassword,
      token: existing !== undefined && 'hasToken' in existing && existing.hasToken,
      keyPem: existing !== undefined && 'hasKey' in existing && existing.hasKey,
    };
    const has = { ...had };
    for (const name of SECRETS) {
      const value = (input as Partial<Record<SecretName, string | null>>)[name];
      if (value === undefined) continue;
      if (value === null) await this.deps.secrets.delete(secretKey(id, name));
      else await this.deps.secrets.set(secretKey(id, name), value);
      has[name] = value !== null;
    }
    return has;
  }
}

function settingsOf(id: string, input: SyncTargetSave, has: Record<SecretName, boolean>): SyncTargetSettings {
  const common = { id: id as SyncTargetId, name: input.name, enabled: input.enabled, caPem: input.caPem };
  switch (input.kind) {
    case 'mqtt':
      return {
        ...common,
        kind: 'mqtt',
        url: input.url,
        username: input.username,
        hasPassword: has.password,
        topicPrefix: input.topicPrefix,
        certPem: input.certPem,
        hasKey: has.keyPem,
      };
    case 'https':
      return { ...common, kind: 'https', url: input.url, headers: input.headers, hasToken: has.token };
    case 'hawkbit':
      return {
        ...common,
        kind: 'hawkbit',
        baseUrl: input.baseUrl,
        authMode: input.authMode,
        username: input.username,
        hasPassword: has.password,
        hasToken: has.token,
        controllerIdPrefix: input.controllerIdPrefix,
        distributionSetName: input.distributionSetName,
      };
  }
}

/** Refuses settings a target could never work with, in words for the form. */
function checkComplete(t: SyncTargetSettings): void {
  const refuse = (message: string) => {
    throw new DomainError('INVALID_INPUT', message);
  };
  assertEncryptedLink(t.kind === 'hawkbit' ? t.baseUrl : t.url);
  if (t.kind === 'mqtt' && (t.certPem !== null) !== t.hasKey)
    refuse('A client certificate needs its private key, and a key its certificate.');
  if (t.kind === 'hawkbit' && t.authMode === 'basic' && (!t.username || !t.hasPassword))
    refuse('hawkBit with basic authentication needs a username and a password.');
  if (t.kind === 'hawkbit' && t.authMode === 'bearer' && !t.hasToken)
    refuse('hawkBit with a bearer token needs the token.');
}

function statusOf(
  all: readonly SyncTargetSettings[],
  worker: SyncWorkerStatus,
  buildErrors: ReadonlyMap<string, string>,
): SyncStatus {
  const live = new Map(worker.targets.map((t) => [t.id, t]));
  const targets = all.map((t): SyncTargetStatus => {
    const base = { id: t.id, name: t.name, kind: t.kind };
    const blank = { pending: 0, lastSuccessAt: null, nextAttemptAt: null };
    if (!t.enabled) return { ...base, ...blank, state: 'disabled', lastError: null };
    const status = live.get(t.id);
    if (!status)
      return { ...base, ...blank, state: 'error', lastError: buildErrors.get(t.id) ?? 'not started' };
    const { state, pending, lastSuccessAt, lastError, nextAttemptAt } = status;
    return { ...base, state, pending, lastSuccessAt, lastError, nextAttemptAt };
  });
  return { targets, totalPending: worker.pending, kept: worker.kept };
}
