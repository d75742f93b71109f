import type { IncomingMessage } from 'node:http';

/** Bodies larger than this are answered with 413 instead of being parsed. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Past this the connection is dropped instead of draining the rest of the body. */
const MAX_DRAIN_BYTES = 4 * 1024 * 1024;

export type BodyResult = { kind: 'ok'; text: string } | { kind: 'too-large' } | { kind: 'aborted' };

/**
 * Reads the request body, keeping at most MAX_BODY_BYTES. An oversized body is drained (up to a hard
 * limit) so the client finishes sending and can read the 413 instead of seeing a reset.
 */
export function readBody(req: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const settle = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_DRAIN_BYTES) {
        req.destroy();
        settle({ kind: 'aborted' });
      } else if (total <= MAX_BODY_BYTES) {
        chunks.push(chunk);
      }
    });
    req.on('end', () =>
      settle(
        total > MAX_BODY_BYTES
          ? { kind: 'too-large' }
          : { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') },
      ),
    );
    req.on('error', () => settle({ kind: 'aborted' }));
    req.on('close', () => settle({ kind: 'aborted' }));
  });
}
