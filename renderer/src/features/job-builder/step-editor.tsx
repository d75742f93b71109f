import { useId } from 'react';
import type { StepAction } from '../../../../shared/domain/device-actions';
import { assertNever } from '../../../../shared/util/assert-never';
import { ConfigFields } from '../device-actions/config-change-form';
import { CONFIG_FORMS, type ConfigFamily } from '../device-actions/config-schemas';
import { ResetLevelChoice } from '../device-actions/factory-reset-form';
import { ACTIONS } from '../device-actions/family-actions';
import { RawCommandFields } from '../device-actions/raw-command-form';
import { CredentialChoice } from '../device-actions/set-password-form';
import { FieldError } from '../../components/field-error';
import { errorAt, errorsUnder, type DraftErrors } from './job-draft';
import { FirmwareImagesField } from './firmware-images-field';
import type { StepDraft } from './step-draft';

/** "Update firmware": the drawer's button words, without the ellipsis. */
export function stepName(action: StepAction): string {
  return ACTIONS[action].button.replace('…', '');
}

interface StepEditorProps<S extends StepDraft = StepDraft> {
  step: S;
  /** Where the spec schema reports this step's problems: `steps.<index>`. */
  path: string;
  errors: DraftErrors;
  onChange: (step: S) => void;
}

const FAMILY_NAMES: Record<ConfigFamily, string> = { shelly: 'Shelly settings', tasmota: 'Tasmota commands' };

function ConfigStep({
  step,
  path,
  errors,
  onChange,
}: StepEditorProps<Extract<StepDraft, { action: 'config-change' }>>) {
  return (
    <>
      <p className="hint">Each device gets the part for its family; a device of another family is skipped.</p>
      {(['shelly', 'tasmota'] as const).map((family) => (
        <div key={family} className="config-family">
          <label className="checkbox-row">
            <input
              type="checkbox"
              checked={step[family] !== null}
              onChange={(e) =>
                onChange({ ...step, [family]: e.target.checked ? CONFIG_FORMS[family].initialDraft : null })
              }
            />
            {FAMILY_NAMES[family]}
          </label>
          {step[family] !== null && (
            <ConfigFields
              family={family}
              draft={step[family]}
              errors={errorsUnder(errors, `${path}.${family}`)}
              onChange={(draft) => onChange({ ...step, [family]: draft })}
            />
          )}
        </div>
      ))}
    </>
  );
}

function FactoryResetStep({
  step,
  onChange,
}: StepEditorProps<Extract<StepDraft, { action: 'factory-reset' }>>) {
  const id = useId();
  return (
    <div className="danger-zone">
      <p>
        Erases every setting on each device, Wi-Fi included unless the Tasmota level keeps it. This cannot be
        undone: starting the job asks for its name to be typed.
      </p>
      <p className="hint">Tasmota devices need the level; Shelly devices ignore it.</p>
      <ResetLevelChoice
        name={`${id}-level`}
        level={step.tasmotaLevel}
        onChange={(tasmotaLevel) => onChange({ ...step, tasmotaLevel })}
      />
    </div>
  );
}

function FirmwareStep({
  step,
  path,
  errors,
  onChange,
}: StepEditorProps<Extract<StepDraft, { action: 'firmware-update' }>>) {
  return (
    <>
      <FirmwareImagesField
        chosen={step.images}
        error={errorAt(errors, `${path}.images`)}
        onChange={(images) => onChange({ ...step, images })}
      />
      <label className="checkbox-row">
        <input
          type="checkbox"
          checked={step.allowDowngrade}
          onChange={(e) => onChange({ ...step, allowDowngrade: e.target.checked })}
        />
        Allow downgrade
      </label>
      <p className="hint">
        Without it, a device already running a newer version than its image is skipped in the dry run.
      </p>
    </>
  );
}

/** The parameters of one step, with the drawer's forms. */
export function StepEditor({ step, path, errors, onChange }: StepEditorProps) {
  switch (step.action) {
    case 'reboot':
      return (
        <p className="hint">Restarts each device; it counts once the device is back with a fresh uptime.</p>
      );
    case 'collect':
      return (
        <p className="hint">Stores each device’s status and configuration as a snapshot (secrets removed).</p>
      );
    case 'firmware-update':
      return <FirmwareStep step={step} path={path} errors={errors} onChange={onChange} />;
    case 'config-change':
      return <ConfigStep step={step} path={path} errors={errors} onChange={onChange} />;
    case 'factory-reset':
      return <FactoryResetStep step={step} path={path} errors={errors} onChange={onChange} />;
    case 'set-password':
      return (
        <>
          <CredentialChoice choice={step.choice} onChange={(choice) => onChange({ ...step, choice })} />
          <FieldError id={`${path}-credential-error`} message={errors[`${path}.credentialSetId`]} />
        </>
      );
    case 'raw-command':
      return (
        <RawCommandFields
          draft={step}
          error={errors[`${path}.command`] ?? errors[`${path}.value`] ?? errors[path]}
          onChange={(draft) => onChange({ ...step, ...draft })}
        />
      );
    default:
      return assertNever(step, 'step');
  }
}
