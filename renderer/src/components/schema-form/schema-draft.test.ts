import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonSchemaOf } from './json-schema';
import { draftOf, draftToValue, draftWith, draftWithoutRow, validateDraft } from './schema-draft';

const Schema = z
  .object({
    name: z.string().max(8).nullable().optional(),
    level: z.number().int().min(0).max(5).optional(),
    on: z.boolean().optional(),
    mode: z.enum(['a', 'b']).optional(),
    server: z
      .object({ host: z.string().min(1) })
      .strict()
      .optional(),
    rows: z
      .array(
        z.object({ key: z.string().min(1), value: z.string() }).refine((r) => r.key !== 'bad', 'no bad keys'),
      )
      .optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'say what to change');

const node = jsonSchemaOf(Schema);

describe('schema drafts', () => {
  it('leaves empty fields and untouched objects out, and converts each leaf to its type', () => {
    expect(draftToValue(node, {})).toEqual({});
    expect(
      draftToValue(node, { name: 'pump', level: '3', on: 'false', mode: 'b', server: { host: '' } }),
    ).toEqual({ name: 'pump', level: 3, on: false, mode: 'b' });
  });

  it('sends null for a cleared nullable field, and the empty required text of a filled-in row', () => {
    expect(draftToValue(node, { name: null, rows: [{ key: '', value: '' }] })).toEqual({
      name: null,
      rows: [{ key: '', value: '' }],
    });
  });

  it('validates with the zod schema and keys its messages by path', () => {
    expect(validateDraft(Schema, node, {})).toEqual({ errors: { '': 'say what to change' } });
    const result = validateDraft(Schema, node, {
      level: '9',
      rows: [
        { key: 'ok', value: '1' },
        { key: 'bad', value: '' },
      ],
    });
    expect(result).toEqual({
      errors: { level: 'Use 5 or less.', 'rows.1': 'no bad keys' },
    });
    expect(validateDraft(Schema, node, { server: { host: 'broker' } })).toEqual({
      value: { server: { host: 'broker' } },
    });
  });

  it('updates and removes rows without touching the rest', () => {
    const draft = draftWith(draftWith({}, ['rows', 0, 'key'], 'a'), ['rows', 1, 'key'], 'b');
    expect(draft).toEqual({ rows: [{ key: 'a' }, { key: 'b' }] });
    expect(draftWithoutRow(draft, ['rows'], 0)).toEqual({ rows: [{ key: 'b' }] });
  });

  it('turns a value back into the draft that stands for it', () => {
    const value = { name: null, level: 3, on: false, mode: 'b', rows: [{ key: 'k', value: '' }] };
    const draft = draftOf(value);
    expect(draft).toEqual({
      name: null,
      level: '3',
      on: 'false',
      mode: 'b',
      rows: [{ key: 'k', value: '' }],
    });
    expect(draftToValue(node, draft)).toEqual(value);
  });
});
