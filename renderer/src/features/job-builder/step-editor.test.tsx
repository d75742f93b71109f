import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetAll } from '../../../../test-support/renderer/reset-stores';
import { StepEditor } from './step-editor';
import { newStepDraft, stepDraftOf, stepInputOf, type StepDraft } from './step-draft';

afterEach(resetAll);

describe('the firmware step form', () => {
  it('refuses downgrades until "Allow downgrade" is ticked', () => {
    const onChange = vi.fn<(step: StepDraft) => void>();
    const step = newStepDraft('firmware-update');
    render(<StepEditor step={step} path="steps.0" errors={{}} onChange={onChange} />);
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Allow downgrade' });
    expect(box.checked).toBe(false);
    expect(stepInputOf(step)).toEqual({ action: 'firmware-update', images: [], allowDowngrade: false });
    fireEvent.click(box);
    expect(onChange).toHaveBeenCalledWith({ action: 'firmware-update', images: [], allowDowngrade: true });
  });

  it('reads a saved step written before the option as not allowing downgrades', () => {
    const sha = 'a'.repeat(64);
    expect(stepDraftOf({ action: 'firmware-update', images: [sha] })).toEqual({
      action: 'firmware-update',
      images: [sha],
      allowDowngrade: false,
    });
  });
});
