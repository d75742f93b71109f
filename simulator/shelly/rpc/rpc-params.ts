import { invalidArgument, missingArgument } from './rpc-error';

export type RpcParams = Readonly<Record<string, unknown>>;

export function optionalNumber(params: RpcParams, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidArgument(name);
  return value;
}

export function optionalBoolean(params: RpcParams, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidArgument(name);
  return value;
}

export function requiredNumber(params: RpcParams, name: string): number {
  const value = optionalNumber(params, name);
  if (value === undefined) throw missingArgument(name);
  return value;
}

export function requiredBoolean(params: RpcParams, name: string): boolean {
  const value = optionalBoolean(params, name);
  if (value === undefined) throw missingArgument(name);
  return value;
}
