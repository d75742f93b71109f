import { z } from 'zod';
import type { CommandName, EventName } from './channels';
import { DeviceSummarySchema } from '../domain/device';
import { DiscoveryStatusSchema } from '../domain/discovery';
import {
  JobDetailSchema,
  JobIdSchema,
  JobProgressSchema,
  JobSpecSchema,
  JobStateSchema,
  JobSummarySchema,
} from '../domain/job';

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
  /** Every device in the inventory, online or not. */
  'devices.list': { input: NoInput, output: z.array(DeviceSummarySchema) },
  /** State of each discovery source. */
  'discovery.getStatus': { input: NoInput, output: DiscoveryStatusSchema },
  /** Creates and starts a job; returns at once. Progress arrives as `jobs.progressed`. */
  'jobs.start': { input: JobSpecSchema, output: z.object({ jobId: JobIdSchema }) },
  /** All jobs, newest first, with their counts. */
  'jobs.list': { input: NoInput, output: z.array(JobSummarySchema) },
  /** One job with every device's execution. NOT_FOUND for an unknown id. */
  'jobs.get': { input: z.object({ jobId: JobIdSchema }).strict(), output: JobDetailSchema },
  /** Cancels a running job: queued devices are canceled, running steps are aborted. CONFLICT if finished. */
  'jobs.cancel': {
    input: z.object({ jobId: JobIdSchema }).strict(),
    output: z.object({ state: JobStateSchema }),
  },
} as const satisfies Record<CommandName, CommandDef>;

/** Every event and its payload schema. High-frequency events are coalesced before they are sent. */
export const events = {
  /** Devices added or changed (merged by id when coalesced). */
  'devices.updated': z.object({ devices: z.array(DeviceSummarySchema) }),
  'discovery.statusChanged': DiscoveryStatusSchema,
  /** A job's counts and the executions that changed (merged per job when coalesced). */
  'jobs.progressed': JobProgressSchema,
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
