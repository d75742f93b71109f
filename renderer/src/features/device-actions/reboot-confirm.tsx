import { deviceLabel, type DeviceSummary } from '../../../../shared/domain/device';
import { runDeviceAction } from './device-action-intents';

/** A reboot cuts the device's loads for a moment: one explicit confirmation. */
export function RebootConfirm({ device, onDone }: { device: DeviceSummary; onDone: () => void }) {
  return (
    <div role="group" aria-label="Confirm reboot" className="action-form">
      <p>
        Reboot {deviceLabel(device)} now? It is offline for a few seconds; Fieldbatch waits until it is back
        and checks that it really restarted.
      </p>
      <div className="form-buttons">
        <button
          type="button"
          className="danger"
          onClick={() => {
            onDone();
            void runDeviceAction(device, { action: 'reboot' });
          }}
        >
          Reboot now
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
