import { useState, type FormEvent } from 'react';
import { FinishUploadSchema, FirmwareFamilySchema } from '../../../../shared/domain/firmware';
import { FormField } from '../../components/form-field';
import type { Upload } from '../../stores/firmware-store';
import { finishUpload, type UploadMetadata } from './firmware-upload';
import { familyWords } from './firmware-words';

type Values = { family: string; models: string; version: string; notes: string };
type Errors = Partial<Record<keyof Values, string>>;

/** The typed metadata as `finishUpload` fields, checked with the contract's schema. */
export function toUploadMetadata(values: Values): { metadata: UploadMetadata } | { errors: Errors } {
  const models = values.models
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
  const parsed = FinishUploadSchema.omit({ uploadId: true }).safeParse({
    ...(values.family ? { family: values.family } : {}),
    models,
    version: values.version,
    ...(values.notes.trim() ? { notes: values.notes } : {}),
  });
  const errors: Errors = {};
  if (parsed.success) return { metadata: parsed.data };
  for (const issue of parsed.error?.issues ?? []) errors[issue.path[0] as keyof Values] ??= issue.message;
  return { errors };
}

/**
 * Asks what the file does not say (usually the version: real Tasmota images carry none), prefilled with what
 * main read from it. Family is optional: the file decides it where it can. Labels are for the technician only.
 */
export function UploadMetadataForm({ upload }: { upload: Upload }) {
  const [values, setValues] = useState<Values>({
    family: upload.guessed.family ?? '',
    models: upload.guessed.models?.join(', ') ?? '',
    version: upload.guessed.version ?? '',
    notes: '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const change = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = toUploadMetadata(values);
    if ('errors' in result) return setErrors(result.errors);
    setErrors({});
    void finishUpload(upload.key, result.metadata);
  };
  return (
    <form className="broker-form" aria-label={`Metadata for ${upload.fileName}`} noValidate onSubmit={submit}>
      <FormField label="Family" error={errors.family}>
        {(field) => (
          <select {...field} value={values.family} onChange={(e) => change({ family: e.target.value })}>
            <option value="">as the file says</option>
            {FirmwareFamilySchema.options.map((f) => (
              <option key={f} value={f}>
                {familyWords(f)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="Labels (comma-separated)" error={errors.models}>
        {(field) => (
          <input
            {...field}
            value={values.models}
            placeholder="SNSW-001P16EU or Sonoff Basic"
            onChange={(e) => change({ models: e.target.value })}
          />
        )}
      </FormField>
      <FormField label="Version" error={errors.version}>
        {(field) => (
          <input
            {...field}
            value={values.version}
            placeholder="the version the device reports afterwards, e.g. 1.6.0"
            onChange={(e) => change({ version: e.target.value })}
          />
        )}
      </FormField>
      <FormField label="Notes" error={errors.notes}>
        {(field) => (
          <input {...field} value={values.notes} onChange={(e) => change({ notes: e.target.value })} />
        )}
      </FormField>
      <div className="form-buttons">
        <button type="submit">Add to library</button>
      </div>
    </form>
  );
}
