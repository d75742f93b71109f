import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FirmwareImage, FirmwareServerInfo } from '../../../../shared/domain/firmware';
import { fail, ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { firmwareLoaded, firmwareServerLoaded } from '../../stores/firmware-store';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { FirmwarePanel } from './firmware-panel';
import { importFirmwareFile } from './firmware-upload';

afterEach(resetAll);

const CHUNK = 512 * 1024;

function image(n: number, overrides: Partial<FirmwareImage> = {}): FirmwareImage {
  return {
    sha256: String(n).repeat(64).slice(0, 64),
    fileName: `SNSW-001P16EU-1.6.${n}.zip`,
    size: 70_000,
    family: 'shelly',
    format: 'shelly-zip',
    kind: 'ota',
    chip: null,
    app: 'Plus1PM',
    project: null,
    models: ['SNSW-001P16EU'],
    version: `1.6.${n}`,
    versionSource: 'manifest',
    fwId: `20250901-101010/1.6.${n}-gfeed123`,
    build: null,
    notes: '',
    notices: [],
    importedAt: 1_700_000_000_000 + n,
    present: true,
    ...overrides,
  };
}

const server: FirmwareServerInfo = {
  settings: { interface: null, port: null, maxConcurrent: 20, bandwidthKiBps: null },
  status: {
    listening: true,
    bindAddress: '0.0.0.0',
    port: 41234,
    error: null,
    activeDownloads: 0,
    activeJobs: 0,
  },
};

/** Bytes 0..n-1 mod 251, so every chunk's content is checkable. */
const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % 251);
const decode = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

function setup(answers: ConstructorParameters<typeof FakeTransport>[0]) {
  const transport = new FakeTransport(answers);
  setTransport(transport);
  firmwareServerLoaded(server);
  render(<FirmwarePanel />);
  return transport;
}

const chooseFile = (file: File) =>
  act(async () => fireEvent.change(screen.getByLabelText('Firmware files'), { target: { files: [file] } }));

describe('firmware import', () => {
  it('sends the file in chunks of at most 512 KiB at increasing offsets, then asks for the missing metadata', async () => {
    let received = 0;
    let finishes = 0;
    const imported = image(7, {
      fileName: 'custom.bin',
      versionSource: 'user',
      version: '2.0.1',
      models: ['ESP8266', 'Sonoff Basic'],
      family: 'tasmota',
      format: 'esp-image',
      chip: 'ESP8266',
      app: null,
      notices: ['The file name says ESP32, the image header says ESP8266: the header wins.'],
    });
    const transport = setup({
      'firmware.beginUpload': () => ok({ uploadId: 'upl_abcdefgh' }),
      'firmware.uploadChunk': (input) => {
        received += decode((input as { dataBase64: string }).dataBase64).length;
        return ok({ received });
      },
      'firmware.finishUpload': () =>
        ++finishes === 1
          ? fail('CONFLICT', 'custom.bin states no version; please give it', {
              problem: 'missing-metadata',
              missing: ['version'],
              read: { family: 'tasmota', chip: 'ESP8266', kind: 'ota', project: null },
            })
          : ok({ image: imported, duplicate: false }),
    });
    const content = bytes(CHUNK * 2 + 1000);
    await chooseFile(new File([content], 'custom.bin'));

    expect(transport.invoked[0]).toEqual({
      name: 'firmware.beginUpload',
      input: { fileName: 'custom.bin', size: content.length },
    });
    const chunks = transport.invoked
      .filter((c) => c.name === 'firmware.uploadChunk')
      .map((c) => c.input as { uploadId: string; offset: number; dataBase64: string });
    expect(chunks.map((c) => [c.uploadId, c.offset, decode(c.dataBase64).length])).toEqual([
      ['upl_abcdefgh', 0, CHUNK],
      ['upl_abcdefgh', CHUNK, CHUNK],
      ['upl_abcdefgh', CHUNK * 2, 1000],
    ]);
    // Each chunk carries exactly the file's bytes at its offset (compared by loop: deep equality of
    // half-megabyte arrays is slow).
    const isExact = chunks.map((c) => decode(c.dataBase64).every((b, i) => b === content[c.offset + i]));
    expect(isExact).toEqual([true, true, true]);

    const upload = screen.getByRole('list', { name: 'Imports' }).querySelector('li')!;
    expect(upload.dataset.uploadState).toBe('needs-metadata');
    expect(within(upload).getByRole('progressbar')).toHaveProperty('value', content.length);
    expect(within(upload).getByTestId('upload-status').textContent).toBe(
      'custom.bin states no version; please give it',
    );
    const form = within(upload).getByRole('form', { name: 'Metadata for custom.bin' });
    expect(within(form).getByLabelText('Family')).toHaveProperty('value', 'tasmota');
    expect(within(form).getByLabelText('Labels (comma-separated)')).toHaveProperty('value', 'ESP8266');
    fireEvent.change(within(form).getByLabelText('Labels (comma-separated)'), {
      target: { value: 'ESP8266, Sonoff Basic' },
    });
    fireEvent.change(within(form).getByLabelText('Version'), { target: { value: 'v 2' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add to library' }));
    expect(within(form).getByText('a version like 1.6.0 or 14.3.0')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Version'), { target: { value: '2.0.1' } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Add to library' })));

    expect(transport.invoked.filter((c) => c.name === 'firmware.finishUpload').map((c) => c.input)).toEqual([
      { uploadId: 'upl_abcdefgh' },
      { uploadId: 'upl_abcdefgh', family: 'tasmota', models: ['ESP8266', 'Sonoff Basic'], version: '2.0.1' },
    ]);
    expect(upload.dataset.uploadState).toBe('done');
    expect(within(upload).getByTestId('upload-status').textContent).toBe(
      'Added to the library: Tasmota · ESP8266 · update image · version 2.0.1 (typed).',
    );
    expect(within(upload).getByRole('list', { name: 'Notes on importing custom.bin' }).textContent).toBe(
      'The file name says ESP32, the image header says ESP8266: the header wins.',
    );
    const row = screen
      .getByRole('table', { name: 'Firmware library' })
      .querySelector(`tr[data-sha256="${imported.sha256}"]`)!;
    expect(row.textContent).toContain('2.0.1 (typed)');
  });

  it('stops sending chunks when canceled', async () => {
    let release: (() => void) | null = null;
    const transport = setup({
      'firmware.beginUpload': () => ok({ uploadId: 'upl_abcdefgh' }),
      'firmware.uploadChunk': (input) => ok({ received: (input as { offset: number }).offset + CHUNK }),
    });
    // Hold the first chunk's answer until the technician has pressed Cancel.
    const invoke = transport.invoke.bind(transport);
    transport.invoke = async (name, input) => {
      if (name === 'firmware.uploadChunk') await new Promise<void>((resolve) => (release = resolve));
      return invoke(name, input);
    };
    const file = new File([bytes(CHUNK * 3)], 'big.bin');
    let run: Promise<void> = Promise.resolve();
    act(() => {
      run = importFirmwareFile(file);
    });
    await vi.waitFor(() => expect(release).not.toBeNull());
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
      release!();
      await run;
    });
    expect(transport.invoked.filter((c) => c.name === 'firmware.uploadChunk')).toHaveLength(1);
    expect(transport.invoked.some((c) => c.name === 'firmware.finishUpload')).toBe(false);
    expect(screen.getByTestId('upload-status').textContent).toBe('Canceled.');
  });

  it('shows a duplicate as such and adds nothing', async () => {
    const existing = image(1);
    setup({
      'firmware.beginUpload': () => ok({ uploadId: 'upl_abcdefgh' }),
      'firmware.uploadChunk': () => ok({ received: 100 }),
      'firmware.finishUpload': () => ok({ image: existing, duplicate: true }),
    });
    act(() => firmwareLoaded([existing]));
    await chooseFile(new File([bytes(100)], 'copy-of-plus1pm.zip'));
    const upload = screen.getByRole('list', { name: 'Imports' }).querySelector('li')!;
    expect(upload.dataset.duplicate).toBe('true');
    expect(within(upload).getByTestId('upload-status').textContent).toBe(
      'Duplicate: the library already has these bytes as SNSW-001P16EU-1.6.1.zip. Nothing was added.',
    );
    expect(screen.getByRole('table', { name: 'Firmware library' }).querySelectorAll('tbody tr')).toHaveLength(
      1,
    );
  });

  it('says why a corrupt file was refused', async () => {
    setup({
      'firmware.beginUpload': () => ok({ uploadId: 'upl_abcdefgh' }),
      'firmware.uploadChunk': () => ok({ received: 100 }),
      'firmware.finishUpload': () =>
        fail('CONFLICT', 'bad.bin is not a usable firmware image: truncated: the checksum is missing', {
          problem: 'corrupt',
          reason: 'truncated: the checksum is missing',
        }),
    });
    await chooseFile(new File([bytes(100)], 'bad.bin'));
    expect(screen.getByTestId('upload-status').textContent).toBe(
      'Refused: bad.bin is not a usable firmware image: truncated: the checksum is missing. Nothing was changed: check what the message names, then try again.',
    );
  });
});

describe('firmware library', () => {
  it('lists what each image is for, its kind, version with its source, size, short hash, notes and notices', () => {
    setup({});
    act(() =>
      firmwareLoaded([
        image(1, { notes: 'site standard' }),
        image(2, {
          family: 'tasmota',
          fileName: 'tasmota32-14.4.0.bin',
          format: 'esp-image',
          chip: 'ESP32-C3',
          app: null,
          version: '14.4.0',
          versionSource: 'file-name',
          models: ['ESP32-C3'],
          notices: ['The file name says ESP32, the image header says ESP32-C3: the header wins.'],
          present: false,
        }),
        image(3, {
          family: 'esphome',
          fileName: 'firmware.factory.bin',
          format: 'esp-image',
          kind: 'factory',
          chip: 'ESP32-S3',
          app: null,
          project: 'homio',
          version: '2025.9.3',
          versionSource: 'header',
          models: [],
        }),
      ]),
    );
    const table = screen.getByRole('table', { name: 'Firmware library' });
    const rows = [...table.querySelectorAll('tbody tr[data-sha256]')];
    // By family, then newest first.
    expect(rows.map((r) => [...r.querySelectorAll('td')].slice(1, 5).map((td) => td.textContent))).toEqual([
      [
        'ESPHome · ESP32-S3 · project homio',
        'factory image — for USB flashing, not offered for updatesESP image',
        '2025.9.3 (from the image header)',
        '68.4 KiB',
      ],
      [
        'Shelly · for Plus1PM · labels: SNSW-001P16EU',
        'update imageShelly update zip',
        '1.6.1 (from the zip manifest)',
        '68.4 KiB',
      ],
      ['Tasmota · ESP32-C3', 'update imageESP image', '14.4.0 (from the file name)', '68.4 KiB'],
    ]);
    expect(rows[0]!.querySelector('td[data-kind="factory"] strong')).not.toBeNull();
    expect(rows[1]!.textContent).toContain('111111111111…');
    expect(rows[1]!.textContent).toContain('site standard');
    expect(rows[2]!.textContent).toContain('file missing, import it again');
    const notices = screen.getByRole('list', { name: 'Notes on reading tasmota32-14.4.0.bin' });
    expect(
      within(notices)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['The file name says ESP32, the image header says ESP32-C3: the header wins.']);
    expect(screen.queryByRole('list', { name: `Notes on reading ${image(1).fileName}` })).toBeNull();
  });

  it('edits notes (version stays with the manifest) and removes only after the confirmation', async () => {
    const first = image(1);
    const transport = setup({
      'firmware.update': () => ok({ ...first, notes: 'for the roof' }),
      'firmware.remove': () => ok({ removed: true }),
    });
    act(() => firmwareLoaded([first]));
    fireEvent.click(screen.getByRole('button', { name: `Edit ${first.fileName}` }));
    const form = screen.getByRole('form', { name: `Edit ${first.fileName}` });
    expect(within(form).getByLabelText('Version')).toHaveProperty('disabled', true);
    fireEvent.change(within(form).getByLabelText('Notes'), { target: { value: 'for the roof' } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Save' })));
    expect(transport.invoked.at(-1)).toEqual({
      name: 'firmware.update',
      input: { sha256: first.sha256, notes: 'for the roof' },
    });
    expect(screen.getByRole('table', { name: 'Firmware library' }).textContent).toContain('for the roof');

    fireEvent.click(screen.getByRole('button', { name: `Remove ${first.fileName}` }));
    expect(transport.invoked.some((c) => c.name === 'firmware.remove')).toBe(false);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Remove image' })));
    expect(transport.invoked.at(-1)).toEqual({ name: 'firmware.remove', input: { sha256: first.sha256 } });
    expect(screen.getByText('The library is empty. Import an image above.')).toBeTruthy();
  });

  it('shows the server state and the reachability check in plain words', async () => {
    const transport = setup({
      'firmware.getServer': () => ok(server),
      'firmware.selfCheck': () =>
        ok({
          ok: false,
          message: 'Devices cannot reach 192.0.2.5: nothing answered there.',
          checks: [
            {
              interface: 'eth0',
              address: '192.0.2.5',
              port: 41234,
              outcome: 'timeout',
              message: 'no answer in 2 s',
            },
          ],
        }),
    });
    expect(screen.getByTestId('server-status').textContent).toBe(
      'Serving on all interfaces, port 41234. 0 downloads now, 0 jobs holding a download link.',
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Check reachability' })));
    expect(transport.invoked.find((c) => c.name === 'firmware.selfCheck')!.input).toEqual({});
    const check = screen.getByTestId('self-check');
    expect(check.dataset.ok).toBe('false');
    expect(check.textContent).toContain('Devices cannot reach 192.0.2.5: nothing answered there.');
    expect(check.textContent).toContain('eth0 (192.0.2.5:41234): no answer in time — no answer in 2 s');
  });
});
