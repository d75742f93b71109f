import { describe, expect, it } from 'vitest';
import { commands } from './contract';
import { MAX_FRAME_BYTES, payloadTooLarge, WS_READ_LIMIT_BYTES } from './frame-limits';

/** The frame a renderer sends for `input`, after the contract accepted it, in UTF-8 bytes. */
function frameBytes(name: keyof typeof commands, input: unknown): number {
  const parsed = commands[name].input.safeParse(input);
  expect(parsed.success, `${name} input is valid`).toBe(true);
  return new TextEncoder().encode(JSON.stringify({ type: 'invoke', id: 2 ** 31, name, input })).length;
}

const longestId = `serial:${'a'.repeat(64)}`;

describe('the largest frame a valid command can make', () => {
  it('holds the largest valid CSV, template file and firmware chunk, and id lists at their limits', () => {
    const csv = commands['discovery.importCsv'].input.shape.contentBase64.maxLength!;
    const template = commands['templates.import'].input.shape.content.maxLength!;
    const largest = [
      frameBytes('discovery.importCsv', { fileName: 'é'.repeat(255), contentBase64: 'A'.repeat(csv) }),
      frameBytes('templates.import', { fileName: '\u0001'.repeat(255), content: '\u0001'.repeat(template) }),
      frameBytes('templates.import', { fileName: 't.yaml', content: '\ud800'.repeat(template) }),
      frameBytes('firmware.uploadChunk', {
        uploadId: 'upl_0123456789',
        offset: 0,
        // 512 KiB: 174,762 groups of 3 bytes and one of 2.
        dataBase64: `${'A'.repeat(174_762 * 4)}AAA=`,
      }),
      frameBytes('devices.forget', { ids: Array.from({ length: 20_000 }, () => longestId) }),
    ];
    for (const bytes of largest) expect(bytes).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    expect(MAX_FRAME_BYTES - Math.max(...largest)).toBeLessThan(64 * 1024);
    expect(WS_READ_LIMIT_BYTES).toBeGreaterThan(MAX_FRAME_BYTES);
  });

  it('is refused in plain words that say the size and the limit', () => {
    expect(payloadTooLarge(9_500_000)).toEqual({
      ok: false,
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: `this request is 9.5 MB, more than the ${(MAX_FRAME_BYTES / 1e6).toFixed(1)} MB Fieldbatch takes at once`,
        details: { bytes: 9_500_000, maxBytes: MAX_FRAME_BYTES },
      },
    });
  });
});
