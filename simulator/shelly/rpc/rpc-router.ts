import { RPC_CODE, RpcError, type RpcErrorBody } from './rpc-error';
import type { RpcParams } from './rpc-params';

/** Per-call context handed to every handler together with the device `C`. */
export interface RpcCall<C> {
  readonly device: C;
  readonly params: RpcParams;
  /** Runs `fn` once the reply has been handed to the transport (e.g. a reboot after `result: null`). */
  afterReply(fn: () => void): void;
  /** Canonical names of every registered method (for `Shelly.ListMethods`). */
  listMethods(): string[];
}

export type RpcHandler<C> = (call: RpcCall<C>) => unknown;
export type RpcMethodTable<C> = Readonly<Record<string, RpcHandler<C>>>;

export type RpcOutcome = { ok: true; result: unknown } | { ok: false; error: RpcErrorBody };

export interface RpcInvocation<C> {
  device: C;
  method: string;
  params: RpcParams;
  afterReply(fn: () => void): void;
}

/** Method registry with Mongoose-style case-insensitive lookup and `404 No handler for <Method>`. */
export class RpcRouter<C> {
  private readonly handlers = new Map<string, { name: string; handler: RpcHandler<C> }>();

  constructor(...tables: RpcMethodTable<C>[]) {
    for (const table of tables) {
      for (const [name, handler] of Object.entries(table))
        this.handlers.set(name.toLowerCase(), { name, handler });
    }
  }

  methods(): string[] {
    return [...this.handlers.values()].map((entry) => entry.name);
  }

  invoke({ device, method, params, afterReply }: RpcInvocation<C>): RpcOutcome {
    const entry = this.handlers.get(method.toLowerCase());
    if (entry === undefined) {
      return { ok: false, error: { code: RPC_CODE.noHandler, message: `No handler for ${method}` } };
    }
    try {
      const result = entry.handler({ device, params, afterReply, listMethods: () => this.methods() });
      return { ok: true, result: result === undefined ? null : result };
    } catch (error) {
      if (error instanceof RpcError) return { ok: false, error: error.toBody() };
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: RPC_CODE.internal, message } };
    }
  }
}
