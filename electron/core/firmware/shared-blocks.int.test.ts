import { createHash } from 'node:crypto';
import { openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../test-support/core/temp-dir';
import { BLOCK_BYTES, SharedBlocks, type BlockCursor } from './shared-blocks';

const dir = makeTempDir();
afterAll(() => dir.cleanup());

function file(blocks: number, extra = 1000): { path: string; data: Buffer } {
  const data = Buffer.alloc(blocks * BLOCK_BYTES + extra);
  for (let i = 0; i + 4 <= data.length; i += 4) data.writeUInt32LE(i, i);
  const path = join(dir.path, `f-${blocks}-${extra}`);
  writeFileSync(path, data);
  return { path, data };
}

async function readAll(cursor: BlockCursor): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let b = await cursor.next(); b !== null; b = await cursor.next()) {
    // Copy, then let go: the block's buffer may be reused for the next read at once.
    parts.push(Buffer.from(b));
    cursor.done(b);
  }
  cursor.close();
  return Buffer.concat(parts);
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('shared blocks', () => {
  it('gives every cursor the exact bytes and reads each block once for cursors in step', async () => {
    const { path, data } = file(6);
    const blocks = new SharedBlocks();
    const cursors = Array.from({ length: 5 }, () => blocks.open('v1', openSync(path, 'r'), data.length));
    const results = await Promise.all(cursors.map(readAll));
    for (const r of results) expect(sha(r)).toBe(sha(data));
    expect(blocks.stats).toEqual({ heldBytes: 0, diskReads: 7, openFiles: 0, buffersHeld: 0 });
  });

  it('lets a cursor alone read its own blocks, holding nothing', async () => {
    const { path, data } = file(3);
    const blocks = new SharedBlocks();
    const cursor = blocks.open('v1', openSync(path, 'r'), data.length);
    const first = (await cursor.next())!;
    expect(first).toHaveLength(BLOCK_BYTES);
    expect(first.equals(data.subarray(0, BLOCK_BYTES))).toBe(true);
    cursor.done(first);
    expect(blocks.stats.heldBytes).toBe(0);
    expect(sha(Buffer.concat([data.subarray(0, BLOCK_BYTES), await readAll(cursor)]))).toBe(sha(data));
    expect(blocks.stats).toEqual({ heldBytes: 0, diskReads: 4, openFiles: 0, buffersHeld: 0 });
  });

  it('keeps a block for a slower cursor, and lets go when that cursor leaves early', async () => {
    const { path, data } = file(4, 0);
    const blocks = new SharedBlocks();
    const fast = blocks.open('v1', openSync(path, 'r'), data.length);
    const slow = blocks.open('v1', openSync(path, 'r'), data.length);
    fast.done((await fast.next())!);
    fast.done((await fast.next())!);
    expect(blocks.stats.heldBytes).toBe(2 * BLOCK_BYTES);
    slow.close();
    expect(blocks.stats.heldBytes).toBe(0);
    expect(sha(Buffer.concat([data.subarray(0, 2 * BLOCK_BYTES), await readAll(fast)]))).toBe(sha(data));
    expect(blocks.stats.openFiles).toBe(0);
  });

  it('never holds more than its budget', async () => {
    const { path, data } = file(8);
    const blocks = new SharedBlocks(2 * BLOCK_BYTES);
    const fast = blocks.open('v1', openSync(path, 'r'), data.length);
    const slow = blocks.open('v1', openSync(path, 'r'), data.length);
    for (let i = 0; i < 6; i++) fast.done((await fast.next())!);
    expect(blocks.stats.heldBytes).toBe(2 * BLOCK_BYTES);
    const [a, b] = await Promise.all([readAll(fast), readAll(slow)]);
    expect(sha(b)).toBe(sha(data));
    expect(a.length).toBe(data.length - 6 * BLOCK_BYTES);
    expect(blocks.stats).toMatchObject({ heldBytes: 0, openFiles: 0, buffersHeld: 0 });
  });

  it('keeps versions of a file apart', async () => {
    const one = file(1, 10);
    const two = file(1, 20);
    const blocks = new SharedBlocks();
    const [a, b] = await Promise.all([
      readAll(blocks.open('one', openSync(one.path, 'r'), one.data.length)),
      readAll(blocks.open('two', openSync(two.path, 'r'), two.data.length)),
    ]);
    expect([sha(a), sha(b)]).toEqual([sha(one.data), sha(two.data)]);
  });
});
