import { useState, type FormEvent } from 'react';
import {
  CredentialSetSaveSchema,
  type CredentialSet,
  type CredentialSetId,
  type CredentialSetSave,
} from '../../../../shared/domain/credentials';
import { FormField } from '../../components/form-field';
import { saveCredentialSet } from './credential-intents';

export interface CredentialValues {
  name: string;
  username: string;
  /** Write-only: never filled from main (main never sends it), cleared when the form closes. */
  password: string;
  siteDefault: boolean;
}
type Errors = Partial<Record<keyof CredentialValues, string>>;

/** The form as a save request, checked with the contract's schema; an empty password keeps the stored one. */
export function toCredentialSave(
  values: CredentialValues,
  existingId: string | undefined,
): { save: CredentialSetSave } | { errors: Errors } {
  if (!existingId && values.password === '') {
    return { errors: { password: 'a new credential set needs a password' } };
  }
  const parsed = CredentialSetSaveSchema.safeParse({
    ...(existingId ? { id: existingId as CredentialSetId } : {}),
    name: values.name,
    username: values.username,
    ...(values.password !== '' ? { password: values.password } : {}),
    siteDefault: values.siteDefault,
  });
  if (parsed.success) return { save: parsed.data };
  const errors: Errors = {};
  for (const issue of parsed.error.issues) errors[issue.path[0] as keyof CredentialValues] ??= issue.message;
  return { errors };
}

/** Create or edit a credential set. The password is write-only: "stored" is all the screen ever says about it. */
export function CredentialForm({ set, onDone }: { set?: CredentialSet; onDone: () => void }) {
  const [values, setValues] = useState<CredentialValues>({
    name: set?.name ?? '',
    username: set?.username ?? 'admin',
    password: '',
    siteDefault: set?.siteDefault ?? false,
  });
  const [errors, setErrors] = useState<Errors>({});
  const change = (patch: Partial<CredentialValues>) => setValues((v) => ({ ...v, ...patch }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = toCredentialSave(values, set?.id);
    if ('errors' in result) return setErrors(result.errors);
    setErrors({});
    if (await saveCredentialSet(result.save)) {
      change({ password: '' });
      onDone();
    }
  };
  return (
    <form
      className="broker-form credential-form"
      aria-label={set ? `Edit ${set.name}` : 'New credential set'}
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      <FormField label="Name" error={errors.name}>
        {(field) => (
          <input {...field} value={values.name} onChange={(e) => change({ name: e.target.value })} />
        )}
      </FormField>
      <FormField label="User" error={errors.username}>
        {(field) => (
          <input
            {...field}
            value={values.username}
            autoComplete="off"
            onChange={(e) => change({ username: e.target.value })}
          />
        )}
      </FormField>
      <FormField label="Password" error={errors.password}>
        {(field) => (
          <input
            {...field}
            type="password"
            autoComplete="new-password"
            value={values.password}
            placeholder={set ? 'stored (leave empty to keep it)' : ''}
            onChange={(e) => change({ password: e.target.value })}
          />
        )}
      </FormField>
      {set && (
        <p className="hint" data-testid="password-stored">
          A password is stored for this set. It is never shown; type a new one to replace it.
        </p>
      )}
      <label>
        <input
          type="checkbox"
          checked={values.siteDefault}
          onChange={(e) => change({ siteDefault: e.target.checked })}
        />
        Site default (used for every device without a set of its own)
      </label>
      <div className="form-buttons">
        <button type="submit">{set ? 'Save changes' : 'Create set'}</button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
