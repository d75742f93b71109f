import { useState, type FormEvent } from 'react';
import { brokerHost } from '../../../../shared/domain/broker-url';
import {
  BrokerSaveSchema,
  type BrokerId,
  type BrokerSave,
  type BrokerSettings,
} from '../../../../shared/domain/settings';
import { BrokerFields, type BrokerErrors as Errors, type BrokerValues } from './broker-fields';
import { saveBroker } from './discovery-actions';

/** The form's values as a save request, checked with the contract's schema (password absent = keep it). */
export function toBrokerSave(
  values: BrokerValues,
  brokerId: string | undefined,
): { save: BrokerSave } | { errors: Errors } {
  const parsed = BrokerSaveSchema.safeParse({
    ...(brokerId ? { id: brokerId as BrokerId } : {}),
    ...(values.name.trim() === '' ? {} : { name: values.name }),
    url: values.url,
    username: values.username.trim() === '' ? null : values.username,
    ...(values.removePassword
      ? { password: null }
      : values.password !== ''
        ? { password: values.password }
        : {}),
    caPem: values.caPem.trim() === '' ? null : values.caPem,
    enabled: values.enabled,
  });
  if (parsed.success) return { save: parsed.data };
  const errors: Errors = {};
  for (const issue of parsed.error.issues) errors[issue.path[0] as keyof BrokerValues] ??= issue.message;
  return { errors };
}

/**
 * Add or edit a broker. The password is write-only: main only says whether one is stored, an empty field
 * keeps it, "Remove the stored password" deletes it. `user:password@` typed into the URL is moved by main
 * into the username and the secret store.
 */
export function BrokerForm({ broker, onDone }: { broker?: BrokerSettings; onDone: () => void }) {
  const [values, setValues] = useState<BrokerValues>({
    // A broker shown by its host has no name of its own: the field stays empty so the host keeps following the URL.
    name: broker && broker.name !== brokerHost(broker.url) ? broker.name : '',
    url: broker?.url ?? 'mqtt://',
    username: broker?.username ?? '',
    password: '',
    removePassword: false,
    caPem: broker?.caPem ?? '',
    enabled: broker?.enabled ?? true,
  });
  const [errors, setErrors] = useState<Errors>({});
  const set = (patch: Partial<BrokerValues>) => setValues((v) => ({ ...v, ...patch }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = toBrokerSave(values, broker?.id);
    if ('errors' in result) return setErrors(result.errors);
    setErrors({});
    if (await saveBroker(result.save)) onDone();
  };
  return (
    <form
      className="broker-form"
      aria-label={broker ? 'Edit broker' : 'New broker'}
      onSubmit={(e) => void submit(e)}
    >
      <BrokerFields
        values={values}
        errors={errors}
        hasStoredPassword={broker?.hasPassword ?? false}
        onChange={set}
      />
      <div className="form-buttons">
        <button type="submit">Save broker</button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
