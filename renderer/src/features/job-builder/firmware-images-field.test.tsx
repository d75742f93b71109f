import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FirmwareImage } from '../../../../shared/domain/firmware';
import { firmwareLoaded } from '../../stores/firmware-store';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { FirmwareImagesField } from './firmware-images-field';

afterEach(resetAll);

function espImage(n: number, kind: FirmwareImage['kind']): FirmwareImage {
  return {
    sha256: String(n).repeat(64).slice(0, 64),
    fileName: kind === 'factory' ? `tasmota32-14.4.${n}.factory.bin` : `tasmota32-14.4.${n}.bin`,
    size: 70_000,
    family: 'tasmota',
    format: 'esp-image',
    kind,
    chip: 'ESP32',
    app: null,
    project: 'tasmota',
    models: ['ESP32'],
    version: `14.4.${n}`,
    versionSource: 'file-name',
    fwId: null,
    build: null,
    notes: '',
    notices: [],
    importedAt: 1_700_000_000_000 + n,
    present: true,
  };
}

describe('FirmwareImagesField', () => {
  it('offers only OTA images and says how many factory images it leaves out', () => {
    firmwareLoaded([espImage(1, 'ota'), espImage(2, 'factory'), espImage(3, 'factory')]);
    render(<FirmwareImagesField chosen={[]} onChange={() => {}} error={undefined} />);
    const boxes = screen.getAllByRole('checkbox');
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.closest('label')!.textContent).toContain('tasmota32-14.4.1.bin');
    expect(screen.getByTestId('factory-images-hidden').textContent).toBe(
      '2 factory images are not listed: they are for flashing over USB, not for updates.',
    );
  });

  it('keeps showing a factory image a loaded template already chose, so it can be unticked', () => {
    const factory = espImage(2, 'factory');
    firmwareLoaded([espImage(1, 'ota'), factory]);
    render(<FirmwareImagesField chosen={[factory.sha256]} onChange={() => {}} error={undefined} />);
    expect(screen.getAllByRole('checkbox')).toHaveLength(2);
    expect(screen.queryByTestId('factory-images-hidden')).toBeNull();
  });
});
