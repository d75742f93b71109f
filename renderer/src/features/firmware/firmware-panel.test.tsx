import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FirmwareImage, FirmwareServerInfo } from '../../../../shared/domain/firmware';
import { fail, ok } from '../../../../shared/ipc/result';
import { setTransport } from '../../api/client';
import { firmwareLoaded, firmwareServerLoaded } from '../../stores/firmware-store';
import { FakeTransport } from '../../test-support/fake-transport';
import { resetAll } from '../../test-support/reset-stores';
import { FirmwarePanel } from './firmware-panel';
import { importFirmwareFile } from './firmware-upload';

afterEach(resetAll);

const CHUNK = 512 * 1024;

function image(n: number, overrides: Partial<FirmwareImage> = {}): FirmwareImage {
  return {
    sha256: String(n).repeat(64).slice(0, 64),
    fileName: `plus1pm-1.6.${n}.fw`,
    size: 70_000,
    family: 'shelly',
    models: ['SNSW-001P16EU'],
    version: `1.6.${n}`,
    versionSource: 'manifest',
    fwId: `20250901-101010/1.6.${n}-gfeed123`,
    build: null,
    notes: '',
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
      models: ['ESP8266'],
      family: 'tasmota',
    });
    const transport = setup({
      'firmware.beginUpload': () => ok({ uploadId: 'upl_abcdefgh' }),
      'firmware.uploadChunk': (input) => {
        received += decode((input as { dataBase64: string }).dataBase64).length;
        return ok({ received });
      },
      'firmware.finishUpload': () =>
        ++finishes === 1
          ? fail('CONFLICT', 'custom.bin carries no manifest; please give its family, models, version', {
              problem: 'missing-metadata',
              missing: ['family', 'models', 'version'],
              guessed: {},
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
    const form = within(upload).getByRole('form', { name: 'Metadata for custom.bin' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add to library' }));
    expect(within(form).getByText('choose the device family')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Family'), { target: { value: 'tasmota' } });
    fireEvent.change(within(form).getByLabelText('Models (comma-separated)'), {
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
    expect(within(upload).getByTestId('upload-status').textContent).toBe('Added to the library.');
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
    const file = new File([bytes(CHUNK * 3)], 'big.fw');
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
    await chooseFile(new File([bytes(100)], 'copy-of-plus1pm.fw'));
    const upload = screen.getByRole('list', { name: 'Imports' }).querySelector('li')!;
    expect(upload.dataset.duplicate).toBe('true');
    expect(within(upload).getByTestId('upload-status').textContent).toBe(
      'Duplicate: the library already has these bytes as plus1pm-1.6.1.fw. Nothing was added.',
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
        fail('CONFLICT', 'bad.fw is not a usable firmware image: sha256 mismatch', {
          problem: 'corrupt',
          reason: 'sha256 mismatch',
        }),
    });
    await chooseFile(new File([bytes(100)], 'bad.fw'));
    expect(screen.getByTestId('upload-status').textContent).toBe(
      'Refused: bad.fw is not a usable firmware image: sha256 mismatch (CONFLICT)',
    );
  });
});

describe('firmware library', () => {
  it('lists file, family, version with its source, models, size, short hash and notes', () => {
    setup({});
    act(() =>
      firmwareLoaded([
        image(1, { notes: 'site standard' }),
        image(2, {
          family: 'tasmota',
          fileName: 'tasmota-14.3.0.bin.gz',
          version: '14.3.0',
          versionSource: 'file-name',
          models: ['ESP8266'],
          present: false,
        }),
      ]),
    );
    const table = screen.getByRole('table', { name: 'Firmware library' });
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows.map((r) => [...r.querySelectorAll('td')].slice(1, 5).map((td) => td.textContent))).toEqual([
      ['shelly', '1.6.1 (from the manifest)', 'SNSW-001P16EU', '68.4 KiB'],
      ['tasmota', '14.3.0 (from the file name)', 'ESP8266', '68.4 KiB'],
    ]);
    expect(rows[0]!.textContent).toContain('111111111111…');
    expect(rows[0]!.textContent).toContain('site standard');
    expect(rows[1]!.textContent).toContain('file missing, import it again');
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
