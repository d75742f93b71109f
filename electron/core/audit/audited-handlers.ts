import { COMMAND_NAMES, type CommandName } from '../../../shared/ipc/channels';
import type {
  CallContext,
  CommandHandlers,
  CommandOutput,
  ParsedCommandInput,
} from '../../../shared/ipc/contract';
import type { JobId } from '../../../shared/domain/job';
import { DomainError } from '../errors';
import type { Logger } from '../ports';
import { fieldNames, identifiers, type AuditDetails } from './audit-details';
import type { AuditLog } from './audit-log';

/** How one command is audited. `output` is undefined for a failed attempt. */
export interface AuditRule<K extends CommandName> {
  /** What it acted on, in a few words (a job id, a device id, a template name), or null. */
  target: (input: ParsedCommandInput<K>, output: CommandOutput<K> | undefined) => string | null;
  /** The job it belongs to (for per-run reports). */
  jobId?: (input: ParsedCommandInput<K>, output: CommandOutput<K> | undefined) => JobId | null;
  /** Details beyond the identifiers and field names every entry gets. */
  details?: (input: ParsedCommandInput<K>, output: CommandOutput<K> | undefined) => AuditDetails;
  /** Keep the plain values of the input's fields (settings), secret-looking keys excepted. */
  withValues?: boolean;
  /**
   * Record refused and failed attempts too: job commands (a refused cancel is part of the run's story) and
   * bundle imports (a refused one means someone brought a damaged or tampered file). Elsewhere a failure
   * changed nothing and says nothing about the site, so it is not recorded.
   */
  auditFailures?: boolean;
}

/** A decision for every command: a rule, or null for a read-only one. A new command fails to compile until decided. */
export type AuditRules = { [K in CommandName]: AuditRule<K> | null };

type AnyRule = AuditRule<CommandName>;
type AnyHandler = (input: unknown, ctx: CallContext) => Promise<unknown>;

/**
 * The handler map with every audited command recording one entry after it succeeds (and after it fails, for
 * rules that ask). It wraps the handlers the dispatcher calls, so the input it sees was already validated.
 * An entry that cannot be written is logged, not thrown: the command has already taken effect, and
 * reporting it as failed would invite the technician to do it twice.
 */
export function auditedHandlers(
  handlers: CommandHandlers,
  rules: AuditRules,
  deps: { audit: Pick<AuditLog, 'append'>; logger: Logger },
): CommandHandlers {
  const wrapped = { ...handlers } as unknown as Record<string, AnyHandler>;
  for (const name of COMMAND_NAMES) {
    const rule = rules[name] as AnyRule | null;
    if (!rule) continue;
    const inner = handlers[name] as AnyHandler;
    const record = (input: unknown, output: unknown, error: unknown) => {
      try {
        deps.audit.append(entryOf(name, rule, input, output, error));
      } catch (appendError) {
        deps.logger.error('audit entry not written', { action: name, error: String(appendError) });
      }
    };
    wrapped[name] = async (input, ctx) => {
      let output: unknown;
      try {
        output = await inner(input, ctx);
      } catch (error) {
        if (rule.auditFailures) record(input, undefined, error);
        throw error;
      }
      record(input, output, null);
      return output;
    };
  }
  return wrapped as CommandHandlers;
}

function entryOf(action: CommandName, rule: AnyRule, input: unknown, output: unknown, error: unknown) {
  const i = input as ParsedCommandInput<CommandName>;
  const o = output as CommandOutput<CommandName> | undefined;
  const details: AuditDetails = {
    ...identifiers(input, { values: rule.withValues }),
    fields: fieldNames(input),
    ...(output === undefined ? {} : { result: identifiers(output) }),
    ...rule.details?.(i, o),
  };
  if (error !== null) details.error = errorOf(error);
  return {
    action,
    target: rule.target(i, o),
    jobId: rule.jobId?.(i, o) ?? null,
    outcome: error === null ? ('ok' as const) : ('failed' as const),
    details,
  };
}

function errorOf(error: unknown): { code: string; message: string } {
  return error instanceof DomainError
    ? { code: error.code, message: error.message.slice(0, 200) }
    : { code: 'INTERNAL', message: 'internal error' };
}
