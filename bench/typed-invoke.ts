import type { CommandName } from '../shared/ipc/channels';
import type { CommandInput, CommandOutput } from '../shared/ipc/contract';
import type { Result } from '../shared/ipc/result';

/** A contract command, typed from the contract; a failed Result is thrown as an Error with its code. */
export type Invoke = <K extends CommandName>(name: K, input: CommandInput<K>) => Promise<CommandOutput<K>>;

/** Wraps a raw dispatch (app-core's, or the headless host's socket) into `Invoke`. */
export function typedInvoke(send: (name: CommandName, input: unknown) => Promise<Result<unknown>>): Invoke {
  return async (name, input) => {
    const result = await send(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.value as CommandOutput<typeof name>;
  };
}
