import { isCommandName } from '../../../shared/ipc/channels';
import { commands, type CallContext, type CommandHandlers } from '../../../shared/ipc/contract';
import { fail, ok, type Result } from '../../../shared/ipc/result';
import { DomainError } from '../errors';
import type { Logger } from '../ports';

export type Dispatch = (name: unknown, input: unknown, ctx: CallContext) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  logger: Logger;
  /** Parse handler outputs against the contract too (dev and test builds) to catch core/DTO drift. */
  validateOutputs: boolean;
}

/**
 * The one entry point both hosts use after they checked who is calling: contract lookup, input validation,
 * the handler, and the Result envelope. Core never sees an unparsed payload; errors become values.
 */
export function createDispatcher(handlers: CommandHandlers, options: DispatcherOptions): Dispatch {
  return async (name, input, ctx) => {
    if (!isCommandName(name))
      return fail('UNKNOWN_COMMAND', `unknown command ${JSON.stringify(String(name).slice(0, 80))}`);
    const def = commands[name];
    const parsed = def.input.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      return fail(
        'INVALID_INPUT',
        `invalid input for ${name}: ${issues[0]?.path || 'input'} ${issues[0]?.message}`,
        issues,
      );
    }
    try {
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      const output = await handler(parsed.data, ctx);
      if (options.validateOutputs) {
        const checked = def.output.safeParse(output);
        if (!checked.success) {
          options.logger.error('handler output breaks the contract', {
            command: name,
            issues: checked.error.issues,
          });
          return fail('INTERNAL', 'internal error');
        }
      }
      return ok(output);
    } catch (error) {
      if (error instanceof DomainError) return fail(error.code, error.message, error.details);
      options.logger.error('command failed', {
        command: name,
        error: String((error as Error)?.stack ?? error),
      });
      return fail('INTERNAL', 'internal error');
    }
  };
}
