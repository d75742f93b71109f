import { ManualAddRequestSchema, type ManualAddRequest } from '../../../../shared/domain/discovery';

/**
 * `host`, `host:port`, `[v6]` or `[v6]:port` as a manual-add request, validated with the contract's schema;
 * or the reason it is not one.
 */
export function parseHostPort(input: string): { request: ManualAddRequest } | { error: string } {
  const text = input.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const plain = /^([^:\s]+)(?::(\d+))?$/.exec(text);
  const match = bracketed ?? plain;
  if (!match) return { error: 'expected a host or IP address, optionally with :port' };
  const candidate = { host: match[1]!, ...(match[2] !== undefined ? { port: Number(match[2]) } : {}) };
  const parsed = ManualAddRequestSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: `${issue?.path.join('.') || 'address'}: ${issue?.message ?? 'invalid'}` };
  }
  return { request: parsed.data };
}
