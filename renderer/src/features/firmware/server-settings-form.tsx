import { useState, type FormEvent } from 'react';
import {
  FirmwareServerSettingsUpdateSchema,
  type FirmwareServerSettings,
} from '../../../../shared/domain/firmware';
import { FormField } from '../../components/form-field';
import { useDiscovery } from '../../stores/discovery-store';
import { updateFirmwareServer } from './firmware-intents';

type Values = { interface: string; port: string; maxConcurrent: string; bandwidthKiBps: string };
type Errors = Partial<Record<keyof Values, string>>;

const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text));

/** Where the firmware server listens and how much it serves at once; applied at once by main. */
export function ServerSettingsForm({ settings }: { settings: FirmwareServerSettings }) {
  const interfaces = useDiscovery((s) => s.interfaces) ?? [];
  const [values, setValues] = useState<Values>({
    interface: settings.interface ?? '',
    port: settings.port === null ? '' : String(settings.port),
    maxConcurrent: String(settings.maxConcurrent),
    bandwidthKiBps: settings.bandwidthKiBps === null ? '' : String(settings.bandwidthKiBps),
  });
  const [errors, setErrors] = useState<Errors>({});
  const change = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = FirmwareServerSettingsUpdateSchema.safeParse({
      interface: values.interface === '' ? null : values.interface,
      port: numberOrNull(values.port),
      maxConcurrent: Number(values.maxConcurrent),
      bandwidthKiBps: numberOrNull(values.bandwidthKiBps),
    });
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) next[issue.path[0] as keyof Values] ??= issue.message;
      return setErrors(next);
    }
    setErrors({});
    await updateFirmwareServer(parsed.data);
  };
  const names = new Set(interfaces.map((i) => i.name));
  return (
    <form
      className="broker-form"
      aria-label="Firmware server settings"
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      <FormField label="Interface" error={errors.interface}>
        {(field) => (
          <select {...field} value={values.interface} onChange={(e) => change({ interface: e.target.value })}>
            <option value="">All interfaces</option>
            {interfaces.map((nic) => (
              <option key={nic.name} value={nic.name}>
                {nic.name} ({nic.addresses.join(', ') || 'no address'}){nic.internal ? ' · loopback' : ''}
              </option>
            ))}
            {values.interface !== '' && !names.has(values.interface) && (
              <option value={values.interface}>{values.interface} (not present)</option>
            )}
          </select>
        )}
      </FormField>
      <FormField label="Port" error={errors.port}>
        {(field) => (
          <input
            {...field}
            type="number"
            value={values.port}
            placeholder="any free port"
            onChange={(e) => change({ port: e.target.value })}
          />
        )}
      </FormField>
      <FormField label="Downloads at once" error={errors.maxConcurrent}>
        {(field) => (
          <input
            {...field}
            type="number"
            value={values.maxConcurrent}
            onChange={(e) => change({ maxConcurrent: e.target.value })}
          />
        )}
      </FormField>
      <FormField label="Total bandwidth (KiB/s)" error={errors.bandwidthKiBps}>
        {(field) => (
          <input
            {...field}
            type="number"
            value={values.bandwidthKiBps}
            placeholder="unlimited"
            onChange={(e) => change({ bandwidthKiBps: e.target.value })}
          />
        )}
      </FormField>
      <div className="form-buttons">
        <button type="submit">Save server settings</button>
      </div>
    </form>
  );
}
