import type { FileHandle } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BundleError } from './bundle-errors';
import { checkEntryName } from './bundle-names';
import { BLOCK, TarReader, TarWriter } from './ustar';

/** A FileHandle over memory: positional reads and writes only, which is all the tar code uses. */
function memoryFile(initial: Buffer = Buffer.alloc(0)): { handle: FileHandle; bytes: () => Buffer } {
  let data: Buffer = Buffer.from(initial);
  const handle = {
    async write(chunk: Buffer, offset: number, length: number, position: number) {
      const end = position + length;
      if (end > data.length) data = Buffer.concat([data, Buffer.alloc(end - data.length)]);
      chunk.copy(data, position, offset, offset + length);
      return { bytesWritten: length, buffer: chunk };
    },
    async read(buffer: Buffer, offset: number, length: number, position: number) {
      const bytesRead = data.copy(buffer, offset, position, Math.min(position + length, data.length));
      return { bytesRead, buffer };
    },
  };
  return { handle: handle as unknown as FileHandle, bytes: () => data };
}

async function archiveOf(files: [string, Buffer][]): Promise<Buffer> {
  const file = memoryFile();
  const tar = new TarWriter(file.handle, 1_700_000_000);
  for (const [name, data] of files) await tar.addBuffer(name, data);
  await tar.finish();
  return file.bytes();
}

async function readAll(archive: Buffer): Promise<[string, Buffer][]> {
  const reader = new TarReader(memoryFile(archive).handle, archive.length);
  const out: [string, Buffer][] = [];
  for (let e = await reader.next(); e; e = await reader.next()) {
    const chunks: Buffer[] = [];
    for await (const c of reader.content(e, 700)) chunks.push(c);
    out.push([e.name, Buffer.concat(chunks)]);
  }
  return out;
}

const FILES: [string, Buffer][] = [
  ['manifest.json', Buffer.from('{"a":1}')],
  ['groups.json', Buffer.alloc(1500, 7)],
  ['firmware/' + 'a'.repeat(64), Buffer.alloc(512, 1)],
];

describe('the ustar writer and reader', () => {
  it('read back exactly what was written, in order, padded to 512-byte blocks', async () => {
    const archive = await archiveOf(FILES);
    expect(archive.length % BLOCK).toBe(0);
    expect(archive.toString('latin1', 257, 263)).toBe('ustar\0');
    expect(await readAll(archive)).toEqual(FILES);
  });

  it('refuse every single-byte corruption with a BundleError, or read it with only content changed', async () => {
    const archive = await archiveOf(FILES);
    await fc.assert(
      fc.asyncProperty(fc.nat(archive.length - 1), fc.integer({ min: 1, max: 255 }), async (at, delta) => {
        const bad = Buffer.from(archive);
        bad[at] = (bad[at]! + delta) % 256;
        try {
          const read = await readAll(bad);
          expect(read.map(([name]) => name)).toEqual(FILES.map(([name]) => name));
        } catch (error) {
          expect(error).toBeInstanceOf(BundleError);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('refuse every truncation as truncated or corrupt', async () => {
    const archive = await archiveOf(FILES);
    await fc.assert(
      fc.asyncProperty(fc.nat(archive.length - 1), async (length) => {
        const error = await readAll(archive.subarray(0, length)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(BundleError);
        expect(['truncated', 'corrupt-archive']).toContain((error as BundleError).problem);
      }),
      { numRuns: 200 },
    );
  });

  it('refuse links, folders and devices by their type flag', async () => {
    for (const flag of ['1', '2', '3', '4', '5', '6', 'x', 'L']) {
      const archive = await archiveOf([['groups.json', Buffer.from('[]')]]);
      archive.write(flag, 156, 'latin1');
      archive.fill(0x20, 148, 156);
      let sum = 0;
      for (let i = 0; i < BLOCK; i += 1) sum += archive[i]!;
      archive.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
      const error = await readAll(archive).catch((e: unknown) => e);
      expect((error as BundleError).problem).toBe('unsupported-entry');
    }
  });

  it('refuse data after the end marker', async () => {
    const archive = Buffer.concat([await archiveOf(FILES), Buffer.alloc(BLOCK, 1)]);
    const error = await readAll(archive).catch((e: unknown) => e);
    expect((error as BundleError).problem).toBe('corrupt-archive');
  });
});

describe('entry names', () => {
  it('refuse absolute paths, "..", backslashes, NUL and names outside the layout', () => {
    for (const name of [
      '/etc/passwd',
      'C:/x',
      '../groups.json',
      'firmware/../../x',
      'templates\\tpl_aaaaaaaa.v1.json',
      'groups.json\0',
      'firmware//x',
      './groups.json',
      'notes.txt',
      'firmware/abc',
      '',
    ]) {
      expect(() => checkEntryName(name), name).toThrow(BundleError);
    }
  });

  it('refuse any name holding a ".." segment', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', '..', 'firmware', 'templates', 'x.json'), {
          minLength: 1,
          maxLength: 5,
        }),
        (parts) => {
          fc.pre(parts.includes('..'));
          expect(() => checkEntryName(parts.join('/'))).toThrow(/path traversal|not a file/);
        },
      ),
    );
  });

  it('accept the layout', () => {
    for (const name of [
      'manifest.json',
      'manifest.sig',
      'groups.json',
      'devices.json',
      'firmware/index.json',
      `firmware/${'b'.repeat(64)}`,
      'templates/tpl_abcdefgh.v3.json',
    ]) {
      expect(() => checkEntryName(name)).not.toThrow();
    }
  });
});
