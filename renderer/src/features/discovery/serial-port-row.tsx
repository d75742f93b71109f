import type { SerialPortStatus } from '../../../../shared/domain/discovery';
import { DeviceName } from '../../components/device-name';
import { StateBadge } from '../../components/state-badge';
import { probeSerialPort } from './discovery-actions';

const vidPid = (p: SerialPortStatus) => (p.vendorId && p.productId ? `${p.vendorId}:${p.productId}` : '—');

/** One port: what the OS says about it, the chip its VID:PID suggests, and its probe. */
export function SerialPortRow({ port }: { port: SerialPortStatus }) {
  return (
    <tr data-port-path={port.path} data-probe={port.probe}>
      <td className="mono">
        {port.path}
        {port.listed ? '' : ' (typed)'}
      </td>
      <td>{port.manufacturer ?? '—'}</td>
      <td className="mono">{vidPid(port)}</td>
      <td>
        {port.chip ?? '—'}
        {port.likelyFamilies.length > 0 ? ` (${port.likelyFamilies.join(', ')})` : ''}
      </td>
      <td>
        <StateBadge state={port.probe} />
        {port.deviceId && (
          <>
            : <DeviceName id={port.deviceId} />
          </>
        )}
        {port.lastError && <span className="error-text"> {port.lastError}</span>}
      </td>
      <td>
        <button
          type="button"
          aria-label={`Probe ${port.path}`}
          disabled={port.probe === 'probing'}
          onClick={() => void probeSerialPort(port.path)}
        >
          Probe
        </button>
      </td>
    </tr>
  );
}
