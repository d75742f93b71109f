import type { z } from 'zod';
import type { DeviceSummary } from '../../../../shared/domain/device';
import type { JobStepSchema, StepAction } from '../../../../shared/domain/device-actions';

export type JobStepInput = z.input<typeof JobStepSchema>;

export interface ActionInfo {
  /** Button text in the drawer (an ellipsis when it opens a form first). */
  button: string;
  /** Start of the job's name: `${title} ${device}`. */
  title: string;
  /** Step budget: the wait for the device to come back and be verified included. */
  stepTimeoutMs: number;
}

const MINUTE = 60_000;

export const ACTIONS: Record<StepAction, ActionInfo> = {
  reboot: { button: 'Reboot…', title: 'Reboot', stepTimeoutMs: 3 * MINUTE },
  'firmware-update': { button: 'Update firmware…', title: 'Update firmware of', stepTimeoutMs: 10 * MINUTE },
  'config-change': { button: 'Change configuration…', title: 'Configure', stepTimeoutMs: 5 * MINUTE },
  collect: { button: 'Collect snapshot', title: 'Collect a snapshot of', stepTimeoutMs: MINUTE },
  'factory-reset': { button: 'Factory reset…', title: 'Factory reset', stepTimeoutMs: 5 * MINUTE },
  'set-password': { button: 'Set password…', title: 'Set the password of', stepTimeoutMs: 2 * MINUTE },
  'raw-command': { button: 'Raw command…', title: 'Raw command on', stepTimeoutMs: MINUTE },
};

/** The order of the buttons in the drawer. */
export const DRAWER_ACTIONS: readonly StepAction[] = [
  'reboot',
  'collect',
  'firmware-update',
  'config-change',
  'set-password',
  'raw-command',
  'factory-reset',
];

/** Why this device cannot run the action now, or null when it can. Capabilities come from main's drivers. */
export function unavailableReason(
  device: Pick<DeviceSummary, 'family' | 'neverTouch' | 'capabilities'>,
  action: StepAction,
): string | null {
  if (device.capabilities.length === 0) return `Fieldbatch has no actions for ${device.family} devices yet.`;
  if (!device.capabilities.includes(action)) {
    return `${device.family} devices do not support “${ACTIONS[action].button.replace('…', '')}”.`;
  }
  if (device.neverTouch) return 'This device is marked “never touch”.';
  return null;
}
