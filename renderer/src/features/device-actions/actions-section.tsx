import { useState } from 'react';
import type { DeviceSummary } from '../../../../shared/domain/device';
import type { StepAction } from '../../../../shared/domain/device-actions';
import { assertNever } from '../../../../shared/util/assert-never';
import { loadCredentials } from '../credentials/credential-intents';
import { loadFirmwareLibrary } from '../firmware/firmware-intents';
import { ActionRunStatus } from './action-run-status';
import { ConfigChangeForm } from './config-change-form';
import { isConfigFamily } from './config-schemas';
import { runDeviceAction } from './device-action-intents';
import { FactoryResetForm } from './factory-reset-form';
import { ACTIONS, DRAWER_ACTIONS, unavailableReason } from './family-actions';
import { FirmwareUpdateForm } from './firmware-update-form';
import { RawCommandForm } from './raw-command-form';
import { RebootConfirm } from './reboot-confirm';
import { SetPasswordForm } from './set-password-form';
import { useActionRunView } from './use-action-run';

type FormAction = Exclude<StepAction, 'collect'>;

function ActionForm({
  action,
  device,
  onDone,
}: {
  action: FormAction;
  device: DeviceSummary;
  onDone: () => void;
}) {
  switch (action) {
    case 'reboot':
      return <RebootConfirm device={device} onDone={onDone} />;
    case 'firmware-update':
      return <FirmwareUpdateForm device={device} onDone={onDone} />;
    case 'config-change':
      return isConfigFamily(device.family) ? (
        <ConfigChangeForm device={device} family={device.family} onDone={onDone} />
      ) : null;
    case 'factory-reset':
      return <FactoryResetForm device={device} onDone={onDone} />;
    case 'set-password':
      return <SetPasswordForm device={device} onDone={onDone} />;
    case 'raw-command':
      return <RawCommandForm device={device} onDone={onDone} />;
    default:
      return assertNever(action, 'action');
  }
}

/**
 * The single-device actions of the drawer. Each runs as a one-device job (listed in the Jobs panel); actions
 * the device's family cannot run are disabled, with the reason below.
 */
export function ActionsSection({ device }: { device: DeviceSummary }) {
  const [chosen, setChosen] = useState<FormAction | null>(null);
  const isBusy = useActionRunView(device.id)?.isBusy ?? false;
  const reasons = DRAWER_ACTIONS.map((action) => ({ action, reason: unavailableReason(device, action) }));
  const choose = (action: StepAction) => {
    if (action === 'collect') {
      setChosen(null);
      void runDeviceAction(device, { action: 'collect' });
      return;
    }
    if (action === 'set-password') void loadCredentials();
    if (action === 'firmware-update') void loadFirmwareLibrary();
    setChosen(action);
  };
  const unavailable = reasons.filter((r) => r.reason !== null);
  return (
    <section aria-labelledby="drawer-actions" className="actions-section">
      <h3 id="drawer-actions">Actions</h3>
      <div className="action-buttons" role="group" aria-label="Device actions">
        {reasons.map(({ action, reason }) => (
          <button
            key={action}
            type="button"
            className={chosen === action ? 'chosen' : undefined}
            aria-pressed={action === 'collect' ? undefined : chosen === action}
            disabled={reason !== null || isBusy}
            title={reason ?? (isBusy ? 'An action is running on this device.' : undefined)}
            onClick={() => choose(action)}
          >
            {ACTIONS[action].button}
          </button>
        ))}
      </div>
      {unavailable.length > 0 && (
        <ul className="hint unavailable-actions" aria-label="Unavailable actions">
          {unavailable.map(({ action, reason }) => (
            <li key={action}>
              {ACTIONS[action].button.replace('…', '')}: {reason}
            </li>
          ))}
        </ul>
      )}
      {isBusy && <p className="hint">An action is running on this device; the others wait until it ends.</p>}
      {!device.online && !isBusy && (
        <p className="hint offline">
          The device is offline now: an action is not started until it is seen again.
        </p>
      )}
      {chosen && !isBusy && <ActionForm action={chosen} device={device} onDone={() => setChosen(null)} />}
      <ActionRunStatus deviceId={device.id} />
    </section>
  );
}
