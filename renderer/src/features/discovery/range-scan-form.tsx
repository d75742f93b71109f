import { useId, useState, type FormEvent } from 'react';
import { MAX_SCAN_ADDRESSES, ScanRequestSchema } from '../../../../shared/domain/discovery';
import { FormField } from '../../components/form-field';
import { startScan } from './discovery-actions';
import { ScanProgressList } from './scan-progress-list';

type Field = 'cidr' | 'ports';

/** Probe every address of a range on the given ports (bounded concurrency and per-host timeout in main). */
export function RangeScanForm() {
  const id = useId();
  const [cidr, setCidr] = useState('');
  const [ports, setPorts] = useState('80');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const portList = ports
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .map(Number);
    if (portList.some((p) => !Number.isInteger(p)))
      return setErrors({ ports: 'ports are numbers, e.g. 80, 8080' });
    const parsed = ScanRequestSchema.safeParse({ cidr, ports: portList });
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) next[issue.path[0] as Field] ??= issue.message;
      return setErrors(next);
    }
    setErrors({});
    void startScan(parsed.data);
  };
  return (
    <section className="discovery-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Range scan</h3>
      <form className="inline-form" onSubmit={submit}>
        <FormField label="Range (CIDR)" error={errors.cidr}>
          {(field) => (
            <input
              {...field}
              value={cidr}
              placeholder="198.51.100.0/24"
              onChange={(e) => setCidr(e.target.value)}
            />
          )}
        </FormField>
        <FormField label="Ports" error={errors.ports}>
          {(field) => <input {...field} value={ports} onChange={(e) => setPorts(e.target.value)} />}
        </FormField>
        <button type="submit">Start scan</button>
      </form>
      <p className="hint">At most {MAX_SCAN_ADDRESSES} addresses per scan.</p>
      <ScanProgressList />
    </section>
  );
}
