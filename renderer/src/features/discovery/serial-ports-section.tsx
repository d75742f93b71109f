import type { SerialPortStatus } from '../../../../shared/domain/discovery';
import { useDiscovery } from '../../stores/discovery-store';
import { updateDiscoverySettings } from './discovery-actions';
import { ProbePathForm } from './probe-path-form';
import { SerialPortRow } from './serial-port-row';

function mergePorts(listed: readonly SerialPortStatus[], probes: Record<string, SerialPortStatus>) {
  const byPath = new Map<string, SerialPortStatus>();
  for (const port of listed) byPath.set(port.path, port);
  for (const port of Object.values(probes)) {
    const known = byPath.get(port.path);
    // A probe running here is newer than the last status; otherwise the status (live) wins.
    if (!known || port.probe === 'probing' || known.probe === 'idle') byPath.set(port.path, port);
  }
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** USB serial ports (listed by the OS, or typed by hand: PTYs are not listed) and their probes. */
export function SerialPortsSection() {
  const listed = useDiscovery((s) => s.status)?.serialPorts;
  const probes = useDiscovery((s) => s.probes);
  const autoProbe = useDiscovery((s) => s.settings?.serialAutoProbe ?? false);
  const ports = mergePorts(listed ?? [], probes);
  return (
    <section className="discovery-section" aria-labelledby="serial-title">
      <h3 id="serial-title">Serial ports</h3>
      <label>
        <input
          type="checkbox"
          checked={autoProbe}
          onChange={(e) => void updateDiscoverySettings({ serialAutoProbe: e.target.checked })}
        />
        Probe newly plugged ports automatically
      </label>
      {ports.length === 0 ? (
        <p className="empty">No serial port listed.</p>
      ) : (
        <table className="grid compact" aria-label="Serial ports">
          <thead>
            <tr>
              <th>Path</th>
              <th>Manufacturer</th>
              <th>VID:PID</th>
              <th>Chip guess</th>
              <th>Probe</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {ports.map((port) => (
              <SerialPortRow key={port.path} port={port} />
            ))}
          </tbody>
        </table>
      )}
      <ProbePathForm />
    </section>
  );
}
