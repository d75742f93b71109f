import { z } from 'zod';
import {
  SyncStatusSchema,
  SyncTargetIdSchema,
  SyncTargetSaveSchema,
  SyncTargetSettingsSchema,
} from '../domain/sync';

/** Sync targets and delivery status (spread into `commands` in contract.ts). */
export const syncCommands = {
  /** Per target: state, records waiting, last success, last error, next attempt; and the total waiting. */
  'sync.getStatus': { input: z.object({}).strict(), output: SyncStatusSchema },
  /**
   * Clears every back-off and delivers until the outbox is empty or a target fails; resolves with the
   * status then (a failure is in the status, not an error).
   */
  'sync.syncNow': { input: z.object({}).strict(), output: SyncStatusSchema },
  /** Every target's settings; secrets only as `hasPassword` / `hasToken` / `hasKey`. */
  'sync.listTargets': { input: z.object({}).strict(), output: z.array(SyncTargetSettingsSchema) },
  /**
   * Adds (no `id`) or changes a target and applies it at once. Secrets are write-only: a value sets, null
   * removes, absent keeps. NOT_FOUND for an unknown id; INVALID_INPUT for a kind change or settings that
   * cannot work (basic auth without a password, a certificate without its key).
   */
  'sync.saveTarget': { input: SyncTargetSaveSchema, output: SyncTargetSettingsSchema },
  /** Removes a target and its secrets; records only it still needed are pruned. `removed: false` if unknown. */
  'sync.removeTarget': {
    input: z.object({ id: SyncTargetIdSchema }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
} as const;
