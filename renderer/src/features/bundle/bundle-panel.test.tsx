import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BundlePreview } from '../../../../shared/domain/bundle';
import { fail, ok } from '../../../../shared/ipc/result';
import { FakeTransport } from '../../../../test-support/renderer/fake-transport';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { setTransport } from '../../api/client';
import { bundleStore } from '../../stores/bundle-store';
import { BundlePanel } from './bundle-panel';

afterEach(() => {
  resetAll();
  bundleStore.setState(bundleStore.getInitialState(), true);
});

const SHA = 'ab12'.repeat(16);
const tally = (added: number) => ({ added, updated: 0, unchanged: 0 });
const preview: BundlePreview = {
  manifestSha256: SHA,
  formatVersion: 1,
  createdAt: 1_796_000_000_000,
  createdBy: 'Fieldbatch 0.1.0 on office-pc',
  signerFingerprint: 'd707 43ab',
  signerStatus: 'unknown',
  counts: { images: 2, templates: 1, groups: 1, devices: 0 },
  tally: { image: tally(2), template: tally(1), group: tally(1), device: tally(0) },
  items: [],
  conflicts: [
    { kind: 'group', key: 'grp_x', message: 'a different group here is also named "Hall"; both are kept' },
  ],
};

async function choose(bytes: number): Promise<void> {
  const file = new File([new Uint8Array(bytes)], 'site.tar');
  await act(async () => {
    fireEvent.change(screen.getByLabelText('Bundle file'), { target: { files: [file] } });
  });
}

describe('the site bundle view', () => {
  it('sends the file in chunks, shows the preview with its hash, and asks to trust an unknown signer first', async () => {
    const transport = new FakeTransport({
      'bundle.beginUpload': () => ok({ uploadId: 'upl_aaaaaaaa' }),
      'bundle.uploadChunk': (input) => {
        const { offset, dataBase64 } = input as { offset: number; dataBase64: string };
        return ok({ received: offset + atob(dataBase64).length });
      },
      'bundle.preview': () => ok(preview),
      'bundle.import': () =>
        ok({ manifestSha256: SHA, signerFingerprint: 'd707 43ab', tally: preview.tally }),
    });
    setTransport(transport);
    render(<BundlePanel />);
    await choose(600 * 1024);
    const offsets = transport.invoked
      .filter((c) => c.name === 'bundle.uploadChunk')
      .map((c) => (c.input as { offset: number }).offset);
    expect(offsets).toEqual([0, 512 * 1024]);
    const shown = await screen.findByTestId('bundle-preview');
    expect(within(shown).getByTestId('preview-manifest-sha').textContent).toMatch(/^(ab12 ){15}ab12$/);
    expect(within(shown).getByTestId('image-added').textContent).toMatch('2');
    expect(within(shown).getByText(/both are kept/)).toBeTruthy();
    const importButton = within(shown).getByRole('button', { name: 'Import' });
    expect((importButton as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(shown).getByLabelText(/trust this key/));
    await act(async () => fireEvent.click(importButton));
    expect(transport.invoked.find((c) => c.name === 'bundle.import')?.input).toEqual({
      uploadId: 'upl_aaaaaaaa',
      trustSigner: true,
    });
    expect((await screen.findByTestId('bundle-imported')).textContent).toMatch('Firmware images: 2 added');
  });

  it('shows a refusal with its reason and the words main gave', async () => {
    setTransport(
      new FakeTransport({
        'bundle.beginUpload': () => ok({ uploadId: 'upl_aaaaaaaa' }),
        'bundle.uploadChunk': () => ok({ received: 1024 }),
        'bundle.preview': () =>
          fail('CONFLICT', 'the manifest is 5242880 bytes, more than the 4194304 a bundle may have', {
            problem: 'manifest-too-large',
          }),
      }),
    );
    render(<BundlePanel />);
    await choose(1024);
    const refusal = await screen.findByTestId('bundle-refused');
    expect(refusal.getAttribute('data-problem')).toBe('manifest-too-large');
    expect(refusal.textContent).toMatch('site.tar was refused: Manifest too large.');
    expect(refusal.textContent).toMatch('more than the 4194304 a bundle may have');
    expect(refusal.textContent).toMatch('Nothing was changed on this computer');
  });

  it('shows the chosen file by name and size beside the button, and says a bundle of this computer is its own', async () => {
    setTransport(
      new FakeTransport({
        'bundle.beginUpload': () => ok({ uploadId: 'upl_aaaaaaaa' }),
        'bundle.uploadChunk': () => ok({ received: 4096 }),
        'bundle.preview': () => ok({ ...preview, signerStatus: 'own' }),
      }),
    );
    render(<BundlePanel />);
    expect(screen.getByTestId('bundle-chosen-file').textContent).toBe('No file chosen yet');
    await choose(4096);
    expect(screen.getByTestId('bundle-chosen-file').textContent).toBe('site.tar · 4.0 KiB');
    const shown = await screen.findByTestId('bundle-preview');
    expect(shown.querySelector('[data-signer-status="own"]')?.textContent).toMatch('Signed by this computer');
    expect(within(shown).queryByLabelText(/trust this key/)).toBeNull();
    expect(within(shown).getByRole('button', { name: 'Import' })).toHaveProperty('disabled', false);
  });

  it('says a file of another kind is not a site bundle, without archive jargon', async () => {
    setTransport(
      new FakeTransport({
        'bundle.beginUpload': () => ok({ uploadId: 'upl_aaaaaaaa' }),
        'bundle.uploadChunk': () => ok({ received: 1024 }),
        'bundle.preview': () => fail('CONFLICT', 'it is not an archive', { problem: 'not-a-bundle' }),
      }),
    );
    render(<BundlePanel />);
    await choose(1024);
    const refusal = await screen.findByTestId('bundle-refused');
    expect(refusal.textContent).toBe(
      'This is not a Fieldbatch site bundle (it is not an archive). Nothing was changed on this computer.',
    );
    expect(refusal.textContent).not.toMatch(/checksum|header|octal/);
  });
});
