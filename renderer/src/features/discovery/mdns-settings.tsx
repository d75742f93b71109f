import { FormField } from '../../components/form-field';
import { useDiscovery } from '../../stores/discovery-store';
import { updateDiscoverySettings } from './discovery-actions';

/** mDNS on/off and the network interface it browses on (all, or one named NIC). */
export function MdnsSettings() {
  const settings = useDiscovery((s) => s.settings);
  const interfaces = useDiscovery((s) => s.interfaces);
  if (!settings) return null;
  const chosen = settings.mdnsInterface ?? '';
  const names = new Set((interfaces ?? []).map((i) => i.name));
  return (
    <section className="discovery-section" aria-labelledby="mdns-title">
      <h3 id="mdns-title">mDNS</h3>
      <label>
        <input
          type="checkbox"
          checked={settings.mdnsEnabled}
          onChange={(e) => void updateDiscoverySettings({ mdnsEnabled: e.target.checked })}
        />
        Browse mDNS
      </label>
      <FormField label="mDNS interface">
        {(field) => (
          <select
            {...field}
            value={chosen}
            disabled={!settings.mdnsEnabled}
            onChange={(e) => void updateDiscoverySettings({ mdnsInterface: e.target.value || null })}
          >
            <option value="">All interfaces</option>
            {(interfaces ?? []).map((nic) => (
              <option key={nic.name} value={nic.name}>
                {nic.name} ({nic.addresses.join(', ') || 'no address'}){nic.internal ? ' · loopback' : ''}
              </option>
            ))}
            {chosen !== '' && !names.has(chosen) && <option value={chosen}>{chosen} (not present)</option>}
          </select>
        )}
      </FormField>
    </section>
  );
}
