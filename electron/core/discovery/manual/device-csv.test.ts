import { describe, expect, it } from 'vitest';
import { parseDeviceCsv } from './device-csv';

const csv = (text: string) => parseDeviceCsv(new TextEncoder().encode(text));

describe('parseDeviceCsv', () => {
  it('reads good rows in any column order, with quoting, tags and defaults', () => {
    const { rows, errors } = csv(
      '\uFEFFName,Host,Tags,port\r\n"Hall, left",198.51.100.20,floor-1;hall,8080\n' +
        'Pump,pump.local,,\n' +
        '"Say ""hi""",192.0.2.9,a|b,\n',
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        host: '198.51.100.20',
        port: 8080,
        family: null,
        mac: null,
        name: 'Hall, left',
        tags: ['floor-1', 'hall'],
        notes: '',
      },
      { line: 3, host: 'pump.local', port: 80, family: null, mac: null, name: 'Pump', tags: [], notes: '' },
      {
        line: 4,
        host: '192.0.2.9',
        port: 80,
        family: null,
        mac: null,
        name: 'Say "hi"',
        tags: ['a', 'b'],
        notes: '',
      },
    ]);
  });

  it('accepts mac + family rows without a host, and semicolon files', () => {
    const { rows, errors } = csv('mac;family;notes\nA8:03:2A:B1:23:45;Shelly;"multi\nline"\n');
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        host: null,
        port: 80,
        family: 'shelly',
        mac: 'a8032ab12345',
        name: null,
        tags: [],
        notes: 'multi\nline',
      },
    ]);
  });

  it('reports each bad row with its line and keeps the good ones', () => {
    const { rows, errors } = csv(
      [
        'host,port,family,mac,tags',
        '192.0.2.1,80,,,',
        '192.0.2.300,80,,,',
        '192.0.2.2,99999,,,',
        '192.0.2.3,80,lightbulb,,',
        ',,shelly,,',
        '192.0.2.4,80,,zz,',
        '192.0.2.5,80,,,bad<tag>',
        '192.0.2.6,80,,,,extra,fields',
        `192.0.2.7,80,,,${'x'.repeat(5000)}`,
        '192.0.2.8,80,,,',
      ].join('\n'),
    );
    expect(rows.map((r) => r.line)).toEqual([2, 11]);
    expect(errors).toEqual([
      { line: 3, reason: 'host "192.0.2.300" is not an IP address or host name' },
      { line: 4, reason: 'port "99999" is not 1–65535' },
      { line: 5, reason: 'family "lightbulb" is not one of shelly, tasmota, esphome' },
      { line: 6, reason: 'a row needs a host, or a mac and a family' },
      { line: 7, reason: 'mac "zz" is not 12 hex digits' },
      { line: 8, reason: expect.stringMatching(/^tag "bad<tag>": /) },
      { line: 9, reason: '7 fields but the header has 5' },
      { line: 10, reason: 'line is longer than 4096 characters' },
    ]);
  });

  it('refuses files that are not UTF-8, empty, or whose header is unusable', () => {
    expect(parseDeviceCsv(new Uint8Array([0x68, 0x6f, 0x73, 0x74, 0x0a, 0xff, 0xfe, 0x31]))).toEqual({
      rows: [],
      errors: [{ line: 1, reason: 'the file is not UTF-8 text (save it as "CSV UTF-8")' }],
    });
    expect(csv('').errors).toEqual([{ line: 1, reason: 'the file is empty' }]);
    expect(csv('name,notes\nx,y').errors[0]!.reason).toMatch(/must name a host or a mac/);
    expect(csv('host,colour\n1.2.3.4,red').errors[0]!.reason).toMatch(/unknown column\(s\) "colour"/);
  });

  it('survives a 1 MB line and binary noise without throwing', () => {
    const big = `host\n${'9'.repeat(1_000_000)}\n192.0.2.1\n`;
    const { rows, errors } = csv(big);
    expect(rows.map((r) => r.host)).toEqual(['192.0.2.1']);
    expect(errors).toEqual([{ line: 2, reason: 'line is longer than 4096 characters' }]);
    expect(() => parseDeviceCsv(new Uint8Array(4096).map((_, i) => (i * 7) % 128))).not.toThrow();
  });
});
