import type { JobStep, StepAction } from '../../../../shared/domain/device-actions';
import { assertNever } from '../../../../shared/util/assert-never';
import { draftOf, draftToValue, type Draft } from '../../components/schema-form/schema-draft';
import { configJsonSchema } from '../device-actions/config-schemas';
import { credentialSetIdOf, NO_PASSWORD } from '../device-actions/password-choice';
import {
  initialRawCommand,
  rawCommandDraftOf,
  type RawCommandDraft,
} from '../device-actions/raw-command-draft';

/**
 * A step while the technician edits it in the wizard: what the drawer's forms hold, per action. The contract's
 * step schema validates the value each one stands for (`stepInputOf`).
 */
export type StepDraft =
  | { action: 'reboot' }
  | { action: 'collect' }
  | { action: 'firmware-update'; images: string[]; allowDowngrade: boolean }
  /** Each family's settings form, or null when the step leaves that family alone. */
  | { action: 'config-change'; shelly: Draft | null; tasmota: Draft | null }
  | { action: 'factory-reset'; tasmotaLevel: number | null }
  /** '' until a set (or "no password") is chosen. */
  | { action: 'set-password'; choice: string }
  | ({ action: 'raw-command' } & RawCommandDraft);

export function newStepDraft(action: StepAction): StepDraft {
  switch (action) {
    case 'reboot':
    case 'collect':
      return { action };
    case 'firmware-update':
      return { action, images: [], allowDowngrade: false };
    case 'config-change':
      return { action, shelly: {}, tasmota: null };
    case 'factory-reset':
      return { action, tasmotaLevel: null };
    case 'set-password':
      return { action, choice: '' };
    case 'raw-command':
      return { action, ...initialRawCommand() };
    default:
      return assertNever(action, 'step action');
  }
}

/** The step the draft stands for, not validated yet (the spec schema reports what is wrong, by path). */
export function stepInputOf(step: StepDraft): unknown {
  switch (step.action) {
    case 'reboot':
    case 'collect':
      return { action: step.action };
    case 'firmware-update':
      return { action: step.action, images: step.images, allowDowngrade: step.allowDowngrade };
    case 'config-change':
      return {
        action: step.action,
        ...(step.shelly === null ? {} : { shelly: draftToValue(configJsonSchema('shelly'), step.shelly) }),
        ...(step.tasmota === null
          ? {}
          : { tasmota: draftToValue(configJsonSchema('tasmota'), step.tasmota) }),
      };
    case 'factory-reset':
      return {
        action: step.action,
        ...(step.tasmotaLevel === null ? {} : { tasmotaLevel: step.tasmotaLevel }),
      };
    case 'set-password':
      // An empty choice is sent as is, so the schema names the missing credential set at its field.
      return {
        action: step.action,
        credentialSetId: step.choice === '' ? '' : credentialSetIdOf(step.choice),
      };
    case 'raw-command':
      return { action: step.action, command: step.command.trim(), value: step.value.trim() };
    default:
      return assertNever(step, 'step');
  }
}

/** A saved step (from a template) as a draft to edit again. */
export function stepDraftOf(step: JobStep): StepDraft {
  switch (step.action) {
    case 'reboot':
    case 'collect':
      return { action: step.action };
    case 'firmware-update':
      return { action: step.action, images: [...step.images], allowDowngrade: step.allowDowngrade ?? false };
    case 'config-change':
      return {
        action: step.action,
        shelly: step.shelly === undefined ? null : draftOf(step.shelly),
        tasmota: step.tasmota === undefined ? null : draftOf(step.tasmota),
      };
    case 'factory-reset':
      return { action: step.action, tasmotaLevel: step.tasmotaLevel ?? null };
    case 'set-password':
      return { action: step.action, choice: step.credentialSetId ?? NO_PASSWORD };
    case 'raw-command':
      return { action: step.action, ...rawCommandDraftOf(step.command, step.value) };
    default:
      return assertNever(step, 'step');
  }
}
