import { z } from 'zod';
import { auditCommands } from './contract-audit';
import { brokerCommands } from './contract-broker';
import { bundleCommands } from './contract-bundle';
import { historyCommands } from './contract-history';
import { reportCommands } from './contract-reports';
import { syncCommands } from './contract-sync';
import { SyncStatusSchema } from '../domain/sync';
import type { CommandName, EventName } from './channels';
import { ArtifactIdSchema, ArtifactMetaSchema } from '../domain/artifacts';
import {
  CredentialAssignSchema,
  CredentialSetIdSchema,
  CredentialSetSaveSchema,
  CredentialSetSchema,
} from '../domain/credentials';
import { DeviceDetailSchema, DeviceEditSchema, DeviceIdSchema, DeviceSummarySchema } from '../domain/device';
import {
  CsvImportReportSchema,
  CsvImportRequestSchema,
  DiscoveryStatusSchema,
  ManualAddRequestSchema,
  ScanIdSchema,
  ScanRequestSchema,
  SerialPortStatusSchema,
  SerialProbeRequestSchema,
} from '../domain/discovery';
import { GroupCreateSchema, GroupIdSchema, GroupSchema, GroupUpdateSchema } from '../domain/group';
import { UndoIdSchema } from '../domain/undo';
import {
  BrokerIdSchema,
  BrokerSaveSchema,
  BrokerSettingsSchema,
  DiscoverySettingsSchema,
  DiscoverySettingsUpdateSchema,
  NetworkInterfaceSchema,
} from '../domain/settings';
import {
  ExecutionSummarySchema,
  JobDetailSchema,
  JobIdSchema,
  JobLogEntrySchema,
  JobPlanSchema,
  JobPolicySchema,
  JobSpecSchema,
  JobStartSchema,
  JobStateSchema,
  JobSummarySchema,
} from '../domain/job';
import { JobProgressSchema } from '../domain/job-progress';
import { JobSettingsSchema, JobSettingsUpdateSchema } from '../domain/job-settings';
import {
  TemplateChangeSchema,
  TemplateFileFormatSchema,
  TemplateIdSchema,
  TemplateImportSchema,
  TemplateLoadSchema,
  TemplateSaveSchema,
  TemplateSummarySchema,
  TemplateVersionMetaSchema,
  TemplateVersionSchema,
} from '../domain/templates';
import {
  BeginUploadSchema,
  FinishUploadResultSchema,
  FinishUploadSchema,
  FirmwareDownloadSchema,
  FirmwareImageSchema,
  FirmwareServerInfoSchema,
  FirmwareServerSettingsUpdateSchema,
  FirmwareSha256Schema,
  FirmwareUpdateSchema,
  ListDownloadsSchema,
  SelfCheckRequestSchema,
  SelfCheckSchema,
  UploadChunkSchema,
  UploadIdSchema,
} from '../domain/firmware';

interface CommandDef {
  input: z.ZodType;
  output: z.ZodType;
}

const NoInput = z.object({}).strict();

export const AppInfoSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'headless']),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** Every command: its input (validated in main before any core code runs) and its output DTO. */
export const commands = {
  /** Version and host kind, for the status bar. */
  'app.getInfo': { input: NoInput, output: AppInfoSchema },
  /** Every device in the inventory, online or not (forgotten ones excepted). */
  'devices.list': { input: NoInput, output: z.array(DeviceSummarySchema) },
  /** One device with every endpoint, its raw identify payload, notes and sighting history. NOT_FOUND if unknown. */
  'devices.get': { input: z.object({ id: DeviceIdSchema }).strict(), output: DeviceDetailSchema },
  /** Rename, tag, annotate, mark "never touch". */
  'devices.update': { input: DeviceEditSchema, output: DeviceSummarySchema },
  /**
   * Removes devices from the inventory (and static groups); a device seen again comes back as new. `undoId`
   * (null when nothing was removed) undoes it with `devices.restore` for a minute.
   */
  'devices.forget': {
    input: z.object({ ids: z.array(DeviceIdSchema).min(1).max(20_000) }).strict(),
    output: z.object({ forgotten: z.number().int(), undoId: UndoIdSchema.nullable() }),
  },
  /**
   * Undoes a forget: the devices come back with their names, notes, tags, static groups and credentials.
   * NOT_FOUND when the undo time is up (or it was already undone).
   */
  'devices.restore': {
    input: z.object({ undoId: UndoIdSchema }).strict(),
    output: z.object({ restored: z.number().int() }),
  },
  'groups.list': { input: NoInput, output: z.array(GroupSchema) },
  'groups.create': { input: GroupCreateSchema, output: GroupSchema },
  /** CONFLICT when the change does not fit the group's kind (members for a smart group, a filter for a static one). */
  'groups.update': { input: GroupUpdateSchema, output: GroupSchema },
  /** Deletes a group (its devices stay). `undoId` (null when there was no such group) undoes it for a minute. */
  'groups.delete': {
    input: z.object({ id: GroupIdSchema }).strict(),
    output: z.object({ deleted: z.boolean(), undoId: UndoIdSchema.nullable() }),
  },
  /**
   * Undoes a delete: the same group (id, name, filter) with its static members still in the inventory.
   * NOT_FOUND when the undo time is up (or it was already undone).
   */
  'groups.restore': { input: z.object({ undoId: UndoIdSchema }).strict(), output: GroupSchema },
  /** State of each discovery source, broker, serial port and range scan. */
  'discovery.getStatus': { input: NoInput, output: DiscoveryStatusSchema },
  'discovery.getSettings': { input: NoInput, output: DiscoverySettingsSchema },
  /** Applies at once (e.g. mDNS moves to the chosen interface). */
  'discovery.updateSettings': { input: DiscoverySettingsUpdateSchema, output: DiscoverySettingsSchema },
  /** Adds or changes a broker; the password goes to the secret store, never back to the renderer. */
  'discovery.saveBroker': { input: BrokerSaveSchema, output: BrokerSettingsSchema },
  'discovery.removeBroker': {
    input: z.object({ id: BrokerIdSchema }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
  /** This machine's network interfaces, for the mDNS interface choice. */
  'discovery.listInterfaces': { input: NoInput, output: z.array(NetworkInterfaceSchema) },
  /** Probes one address with every known family; UNAVAILABLE when nothing known answers. */
  'discovery.addManual': { input: ManualAddRequestSchema, output: DeviceSummarySchema },
  /** Starts a range scan; progress arrives in `discovery.statusChanged`. INVALID_INPUT above MAX_SCAN_ADDRESSES. */
  'discovery.startScan': { input: ScanRequestSchema, output: z.object({ scanId: ScanIdSchema }) },
  'discovery.cancelScan': {
    input: z.object({ scanId: ScanIdSchema }).strict(),
    output: z.object({ canceled: z.boolean() }),
  },
  /** Imports devices from CSV: good rows are written together, each bad row is reported with its line. */
  'discovery.importCsv': { input: CsvImportRequestSchema, output: CsvImportReportSchema },
  /** Probes a serial port (listed, or a path typed by hand) for a device console. */
  'discovery.probeSerial': { input: SerialProbeRequestSchema, output: SerialPortStatusSchema },
  /** Credential sets (passwords never returned). */
  'credentials.list': { input: NoInput, output: z.array(CredentialSetSchema) },
  /** Creates or changes a set; a new set needs a password, which goes to the SecretStore. */
  'credentials.save': { input: CredentialSetSaveSchema, output: CredentialSetSchema },
  'credentials.delete': {
    input: z.object({ id: CredentialSetIdSchema }).strict(),
    output: z.object({ deleted: z.boolean() }),
  },
  /** Gives devices their own set (null: back to the site default). */
  'credentials.assign': { input: CredentialAssignSchema, output: z.object({ assigned: z.number().int() }) },
  /** Snapshots collected from a device, newest first. */
  'artifacts.list': {
    input: z.object({ deviceId: DeviceIdSchema }).strict(),
    output: z.array(ArtifactMetaSchema),
  },
  /** One snapshot with its content (secrets were removed when it was stored). */
  'artifacts.get': {
    input: z.object({ id: ArtifactIdSchema }).strict(),
    output: z.object({ meta: ArtifactMetaSchema, content: z.unknown() }),
  },
  /**
   * The dry run: targets resolved (groups and devices), each device's plan or why it is skipped, the waves,
   * whether a typed confirmation is needed, and the firmware server check. Sends nothing to any device.
   */
  'jobs.plan': { input: JobSpecSchema, output: JobPlanSchema },
  /**
   * Plans again, then creates and starts (or schedules) the job; returns at once. CONFLICT
   * (`details.problem`): `plan-changed` when the runnable count differs from `confirmDevices`,
   * `confirmation-required` when a destructive step's typed confirmation does not match the name,
   * `nothing-to-run` when every device is skipped. Progress arrives as `jobs.progressed`.
   */
  'jobs.start': { input: JobStartSchema, output: z.object({ jobId: JobIdSchema }) },
  /** All jobs, newest first, with their counts. */
  'jobs.list': { input: NoInput, output: z.array(JobSummarySchema) },
  /** One job with every device's execution. NOT_FOUND for an unknown id. */
  'jobs.get': { input: z.object({ jobId: JobIdSchema }).strict(), output: JobDetailSchema },
  /** The job's journal after `afterSeq`, oldest first, at most `limit` lines. */
  'jobs.log': {
    input: z
      .object({
        jobId: JobIdSchema,
        afterSeq: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(2_000).default(500),
      })
      .strict(),
    output: z.array(JobLogEntrySchema),
  },
  /** Pauses: no new device starts; steps in flight finish. CONFLICT unless running or scheduled. */
  'jobs.pause': {
    input: z.object({ jobId: JobIdSchema }).strict(),
    output: z.object({ state: JobStateSchema }),
  },
  /**
   * Resumes a paused job (also after a crash or an abort threshold, which then counts afresh from here).
   * CONFLICT unless paused.
   */
  'jobs.resume': {
    input: z.object({ jobId: JobIdSchema }).strict(),
    output: z.object({ state: JobStateSchema }),
  },
  /**
   * Cancels: devices not started are canceled at once. A step already sent to a device (a reboot under way,
   * an image being flashed) is not cut off: it finishes and is verified, within the step timeout, and the
   * device then stops before its next step. CONFLICT if finished.
   */
  'jobs.cancel': {
    input: z.object({ jobId: JobIdSchema }).strict(),
    output: z.object({ state: JobStateSchema }),
  },
  /** Opens the next wave when the gate waits for a click (or was not met and the technician overrides). */
  'jobs.nextWave': {
    input: z.object({ jobId: JobIdSchema }).strict(),
    output: z.object({ state: JobStateSchema, currentWave: z.number().int() }),
  },
  /**
   * The dry run of a retry of this ended job: its failed, timed-out and not-reached devices (`previous`, as
   * they ended), the spec with the old policy (or `policy` when given, to see its waves), and the plan.
   * CONFLICT while the job runs or when nothing failed. Sends nothing to any device.
   */
  'jobs.retryPlan': {
    input: z.object({ jobId: JobIdSchema, policy: JobPolicySchema.optional() }).strict(),
    output: z.object({ spec: JobSpecSchema, previous: z.array(ExecutionSummarySchema), plan: JobPlanSchema }),
  },
  /**
   * Starts the retry the technician confirmed in `jobs.retryPlan`: a new run, linked to this one, with that
   * policy. CONFLICT `plan-changed` when the runnable count is no longer `confirmDevices`.
   */
  'jobs.retryFailed': {
    input: z
      .object({ jobId: JobIdSchema, policy: JobPolicySchema, confirmDevices: z.number().int().min(1) })
      .strict(),
    output: z.object({ jobId: JobIdSchema }),
  },
  /**
   * One device of a job: `hold` keeps it from starting, `release` lets it, `cancel` ends it (aborting a
   * running step). CONFLICT when the device's state does not allow it.
   */
  'jobs.controlDevice': {
    input: z
      .object({
        jobId: JobIdSchema,
        deviceId: DeviceIdSchema,
        action: z.enum(['hold', 'release', 'cancel']),
      })
      .strict(),
    output: ExecutionSummarySchema,
  },
  'jobs.getSettings': { input: NoInput, output: JobSettingsSchema },
  'jobs.updateSettings': { input: JobSettingsUpdateSchema, output: JobSettingsSchema },
  /** Saved job templates, newest change first. */
  'templates.list': { input: NoInput, output: z.array(TemplateSummarySchema) },
  /** One version (the current one when `version` is absent). NOT_FOUND if unknown. */
  'templates.get': {
    input: z
      .object({ templateId: TemplateIdSchema, version: z.number().int().positive().optional() })
      .strict(),
    output: TemplateVersionSchema,
  },
  /**
   * A version (default current) ready to use on this install: its spec with groups found by name and images
   * by SHA-256 else by family, chip or app and version, and every reference not found (or found different),
   * in plain words. NOT_FOUND if unknown.
   */
  'templates.load': {
    input: z
      .object({ templateId: TemplateIdSchema, version: z.number().int().positive().optional() })
      .strict(),
    output: TemplateLoadSchema,
  },
  /** Every version of a template, newest first, without specs. */
  'templates.history': {
    input: z.object({ templateId: TemplateIdSchema }).strict(),
    output: z.array(TemplateVersionMetaSchema),
  },
  /** Saves a new template, or a new version of `templateId`. */
  'templates.save': { input: TemplateSaveSchema, output: TemplateVersionSchema },
  /** What changed from version `from` to version `to`, field by field. */
  'templates.diff': {
    input: z
      .object({
        templateId: TemplateIdSchema,
        from: z.number().int().positive(),
        to: z.number().int().positive(),
      })
      .strict(),
    output: z.array(TemplateChangeSchema),
  },
  /** Makes an old version current again, as a new version (history is never rewritten). */
  'templates.restore': {
    input: z.object({ templateId: TemplateIdSchema, version: z.number().int().positive() }).strict(),
    output: TemplateVersionSchema,
  },
  'templates.delete': {
    input: z.object({ templateId: TemplateIdSchema }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
  /** A file to save: the version (default current) as JSON or YAML. */
  'templates.export': {
    input: z
      .object({
        templateId: TemplateIdSchema,
        version: z.number().int().positive().optional(),
        format: TemplateFileFormatSchema,
      })
      .strict(),
    output: z.object({ fileName: z.string(), content: z.string() }),
  },
  /**
   * Imports a JSON or YAML template file as a new template, resolved as `templates.load` does. INVALID_INPUT
   * with `details` = every problem (`path`, `line`, `message`) when it does not validate.
   */
  'templates.import': { input: TemplateImportSchema, output: TemplateLoadSchema },
  /** Every image in the firmware library, newest first (`present: false` when its file went missing). */
  'firmware.list': { input: NoInput, output: z.array(FirmwareImageSchema) },
  /**
   * Starts importing a file of `size` bytes (≤ 64 MiB); the renderer then sends it in chunks. CONFLICT
   * (`details.problem: too-many-uploads`) while 4 imports are unfinished; unfinished imports idle for
   * 10 minutes are dropped.
   */
  'firmware.beginUpload': { input: BeginUploadSchema, output: z.object({ uploadId: UploadIdSchema }) },
  /**
   * One chunk (≤ 512 KiB decoded) at `offset`, which must be where the previous chunk ended: CONFLICT
   * `bad-offset` (with `details.expected`) otherwise, `size-mismatch` (import dropped) past the announced
   * size; NOT_FOUND for an unknown or dropped upload. Returns the bytes written so far.
   */
  'firmware.uploadChunk': {
    input: UploadChunkSchema,
    output: z.object({ received: z.number().int().nonnegative() }),
  },
  /**
   * Checks the complete file and adds it to the library. CONFLICT with `details.problem`: `corrupt`
   * (`details.reason`) or `size-mismatch` drop the import; `missing-metadata` (`details.missing`,
   * `details.guessed`) and `metadata-conflict` keep it, so this can be called again with the metadata.
   * Bytes already in the library return the existing entry with `duplicate: true`.
   */
  'firmware.finishUpload': { input: FinishUploadSchema, output: FinishUploadResultSchema },
  /** Notes; version and models only for images without a manifest (else CONFLICT). NOT_FOUND if unknown. */
  'firmware.update': { input: FirmwareUpdateSchema, output: FirmwareImageSchema },
  /** Removes image and file; CONFLICT while a running job uses it; `removed: false` if it was not there. */
  'firmware.remove': {
    input: z.object({ sha256: FirmwareSha256Schema }).strict(),
    output: z.object({ removed: z.boolean() }),
  },
  /** Firmware server settings and whether it listens (address, port, or why not). */
  'firmware.getServer': { input: NoInput, output: FirmwareServerInfoSchema },
  /** Saves and applies at once (rebinds on a new interface or port). CONFLICT for an unknown interface. */
  'firmware.updateServer': { input: FirmwareServerSettingsUpdateSchema, output: FirmwareServerInfoSchema },
  /**
   * Tells whether devices can reach the server at the chosen (or a candidate) interface's address: an
   * address that is not this computer's is reported without sending anything; otherwise `/health` is
   * fetched through that address with a short timeout. Never fails; the verdict is in the output.
   */
  'firmware.selfCheck': { input: SelfCheckRequestSchema, output: SelfCheckSchema },
  /** Downloads served (complete, aborted, refused), newest first, optionally for one job or image. */
  'firmware.listDownloads': { input: ListDownloadsSchema, output: z.array(FirmwareDownloadSchema) },
  ...auditCommands,
  ...brokerCommands,
  ...bundleCommands,
  ...historyCommands,
  ...reportCommands,
  ...syncCommands,
} as const satisfies Record<CommandName, CommandDef>;

/** Every event and its payload schema. High-frequency events are coalesced before they are sent. */
export const events = {
  /** Devices added or changed (merged by id when coalesced). */
  'devices.updated': z.object({ devices: z.array(DeviceSummarySchema) }),
  /** Devices forgotten. */
  'devices.removed': z.object({ ids: z.array(DeviceIdSchema) }),
  /** The whole group list after any change. */
  'groups.changed': z.object({ groups: z.array(GroupSchema) }),
  'discovery.statusChanged': DiscoveryStatusSchema,
  /**
   * A job's live summary, the commit number it reflects (`seq`) and a delta of the executions that changed,
   * named by position in the job (see job-progress.ts: columnar groups of equal fields, per device its
   * position and time offsets; no device ids or names). Merged per job, newest per position, when coalesced.
   * A position the renderer does not know (devices added to a running job) means: load the job again.
   */
  'jobs.progressed': JobProgressSchema,
  /** Sync targets' delivery status after any change (the latest wins when coalesced). */
  'sync.statusChanged': SyncStatusSchema,
} as const satisfies Record<EventName, z.ZodType>;

export type Commands = typeof commands;
export type CommandInput<K extends CommandName> = z.input<Commands[K]['input']>;
export type ParsedCommandInput<K extends CommandName> = z.output<Commands[K]['input']>;
export type CommandOutput<K extends CommandName> = z.output<Commands[K]['output']>;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;

/** Who called: the host checked the sender (Electron origin or headless token) before this is built. */
export interface CallContext {
  host: 'electron' | 'headless';
}

/** The handler map both hosts register. Declared with `satisfies CommandHandlers`: a missing one fails to compile. */
export type CommandHandlers = {
  [K in CommandName]: (input: ParsedCommandInput<K>, ctx: CallContext) => Promise<CommandOutput<K>>;
};
