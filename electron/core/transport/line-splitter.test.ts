import { describe, expect, it } from 'vitest';
import { LineSplitter, isControlChar, type ReceivedLine } from './line-splitter';

function split(chunks: (string | Buffer)[], max = 64): ReceivedLine[] {
  const lines: ReceivedLine[] = [];
  const splitter = new LineSplitter(max, (line) => lines.push(line));
  for (const chunk of chunks) splitter.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
  return lines;
}

const texts = (lines: ReceivedLine[]) => lines.map((l) => l.text);

describe('LineSplitter', () => {
  it('splits at LF and CR LF and keeps the unfinished tail for later', () => {
    expect(texts(split(['one\r\ntwo\nthr', 'ee\r', '\n', 'tail']))).toEqual(['one', 'two', 'three']);
  });

  it('reassembles a line split across many chunks', () => {
    expect(texts(split(['12:00:01', '.240 RSL', ': STATUS0 = {', '}\r\n']))).toEqual([
      '12:00:01.240 RSL: STATUS0 = {}',
    ]);
  });

  it('drops control bytes and keeps binary garbage from breaking the next line', () => {
    const garbage = Buffer.from([0x00, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0xfe, 0x07]);
    const lines = split([garbage, Buffer.from('12:00:01.234 CMD: Status 0\r\n')]);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toMatch(/12:00:01\.234 CMD: Status 0$/);
    expect([...lines[0]!.text].some((c) => isControlChar(c.charCodeAt(0)))).toBe(false);
  });

  it('caps an over-long line, marks it truncated, and recovers at the next newline', () => {
    const lines = split(['x'.repeat(50), 'y'.repeat(50), 'z'.repeat(50), '\nnext\n'], 64);
    expect(lines).toEqual([
      { text: 'x'.repeat(50) + 'y'.repeat(14), isTruncated: true },
      { text: 'next', isTruncated: false },
    ]);
  });

  it('emits empty lines (the caller decides what they mean)', () => {
    expect(texts(split(['\n\r\n']))).toEqual(['', '']);
  });
});
