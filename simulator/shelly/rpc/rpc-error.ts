/** Shelly/Mongoose RPC error codes used by the simulator (PROTOCOLS.md §1.8). */
export const RPC_CODE = {
  invalidArgument: -103,
  notFound: -105,
  unavailable: -114,
  badRequest: 400,
  unauthorized: 401,
  noHandler: 404,
  tooManyRequests: 429,
  internal: 500,
} as const;

export interface RpcErrorBody {
  code: number;
  message: string;
}

/** Thrown by method handlers; becomes the `error` member of the response frame. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }

  toBody(): RpcErrorBody {
    return { code: this.code, message: this.message };
  }
}

/** `-103 Missing required '<name>'`, as in the Shelly CommonErrors example. */
export function missingArgument(name: string): RpcError {
  return new RpcError(RPC_CODE.invalidArgument, `Missing required '${name}'`);
}

export function invalidArgument(name: string): RpcError {
  return new RpcError(RPC_CODE.invalidArgument, `Invalid argument '${name}'`);
}
