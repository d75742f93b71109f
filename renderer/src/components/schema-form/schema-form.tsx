import { useId } from 'react';
import { FormField, type FieldProps } from '../form-field';
import { FieldError } from '../field-error';
import { fieldKind, unwrapNullable, type JsonSchemaNode } from './json-schema';
import { draftAt, draftWith, draftWithoutRow, pathKey, type Draft, type DraftPath } from './schema-draft';

/** Presentation only: names and new-row values by path (`*` stands for any row index). */
export interface SchemaFormHints {
  /** Label of a field, fieldset or list row, e.g. `{ 'sys.location.tz': 'Time zone', 'switches.*': 'Switch' }`. */
  labels?: Record<string, string>;
  /** What a new row of a list starts with, by the list's path. */
  newRow?: Record<string, (index: number) => Draft>;
}

interface SchemaFormProps {
  /** JSON Schema of the value (from `jsonSchemaOf`); the root must be an object. */
  schema: JsonSchemaNode;
  draft: Draft | undefined;
  /** The schema's messages by path (from `validateDraft`). */
  errors: Record<string, string>;
  onChange: (draft: Draft) => void;
  hints?: SchemaFormHints;
}

interface NodeProps extends Omit<SchemaFormProps, 'schema'> {
  node: JsonSchemaNode;
  path: DraftPath;
  /** Required where it sits: inside an optional object that still means "leave empty = unchanged". */
  isRequired: boolean;
  /** Inside a list row the technician added: required fields there must be filled in. */
  isInRow: boolean;
}

const humanize = (key: string) => {
  const words = key.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const patternOf = (path: DraftPath) => path.map((p) => (typeof p === 'number' ? '*' : p)).join('.');

function labelOf(path: DraftPath, hints: SchemaFormHints | undefined): string {
  const hinted = hints?.labels?.[patternOf(path)];
  if (hinted) return hinted;
  const last = [...path].reverse().find((p) => typeof p === 'string');
  return humanize(String(last ?? ''));
}

/** What the field accepts, shown as its placeholder. */
function constraintHint(node: JsonSchemaNode, mustFill: boolean): string {
  const parts: string[] = [];
  if (!mustFill) parts.push('unchanged');
  if (node.minimum !== undefined && node.maximum !== undefined) parts.push(`${node.minimum}…${node.maximum}`);
  if (node.maxLength !== undefined) parts.push(`up to ${node.maxLength} characters`);
  return parts.join(' · ');
}

function Leaf({ node: schema, path, draft, errors, onChange, hints, isRequired, isInRow }: NodeProps) {
  const { node, isNullable } = unwrapNullable(schema);
  const mustFill = isRequired && isInRow;
  const kind = fieldKind(node);
  const value = draftAt(draft, path);
  const isCleared = value === null;
  const text = typeof value === 'string' ? value : '';
  const label = labelOf(path, hints);
  const set = (next: Draft) => onChange(draftWith(draft, path, next));
  const control = (field: FieldProps) => {
    switch (kind.kind) {
      case 'boolean':
      case 'enum': {
        const options = kind.kind === 'boolean' ? ['true', 'false'] : kind.options;
        const optionLabel = (o: string) => (kind.kind === 'boolean' ? (o === 'true' ? 'yes' : 'no') : o);
        return (
          <select {...field} value={text} disabled={isCleared} onChange={(e) => set(e.target.value)}>
            <option value="">{mustFill ? 'choose…' : 'unchanged'}</option>
            {options.map((o) => (
              <option key={o} value={o}>
                {optionLabel(o)}
              </option>
            ))}
          </select>
        );
      }
      case 'number':
        return (
          <input
            {...field}
            type="number"
            inputMode={kind.isInteger ? 'numeric' : 'decimal'}
            step={kind.isInteger ? 1 : 'any'}
            value={text}
            disabled={isCleared}
            placeholder={constraintHint(node, mustFill)}
            onChange={(e) => set(e.target.value)}
          />
        );
      default:
        return (
          <input
            {...field}
            value={text}
            disabled={isCleared}
            placeholder={constraintHint(node, mustFill)}
            onChange={(e) => set(e.target.value)}
          />
        );
    }
  };
  return (
    <div className="schema-leaf" data-path={pathKey(path)}>
      <FormField label={label} error={errors[pathKey(path)]}>
        {control}
      </FormField>
      {isNullable && (
        <label className="schema-clear">
          <input
            type="checkbox"
            checked={isCleared}
            aria-label={`Clear ${label}`}
            onChange={(e) => set(e.target.checked ? null : '')}
          />
          clear
        </label>
      )}
    </div>
  );
}

function ObjectFields(props: NodeProps) {
  const { node, path } = props;
  const required = new Set(node.required ?? []);
  return (
    <>
      {Object.entries(node.properties ?? {}).map(([key, child]) => (
        <SchemaNode key={key} {...props} node={child} path={[...path, key]} isRequired={required.has(key)} />
      ))}
    </>
  );
}

function ListFields(props: NodeProps & { item: JsonSchemaNode }) {
  const { node, item, path, draft, errors, onChange, hints } = props;
  const rows = draftAt(draft, path);
  const count = Array.isArray(rows) ? rows.length : 0;
  const itemLabel = hints?.labels?.[`${patternOf(path)}.*`] ?? `${labelOf(path, hints)} entry`;
  const newRow = hints?.newRow?.[patternOf(path)] ?? (() => '');
  const isFull = node.maxItems !== undefined && count >= node.maxItems;
  return (
    <fieldset className="schema-list">
      <legend>{labelOf(path, hints)}</legend>
      <FieldError id={`${pathKey(path)}-error`} message={errors[pathKey(path)]} />
      {Array.from({ length: count }, (_, index) => (
        <fieldset key={index} className="schema-row" data-row={index}>
          <legend>
            {itemLabel} {index + 1}
          </legend>
          <FieldError id={`${pathKey([...path, index])}-error`} message={errors[pathKey([...path, index])]} />
          <SchemaNode {...props} node={item} path={[...path, index]} isRequired isInRow />
          <button
            type="button"
            className="link"
            aria-label={`Remove ${itemLabel.toLowerCase()} ${index + 1}`}
            onClick={() => onChange(draftWithoutRow(draft, path, index))}
          >
            Remove
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        disabled={isFull}
        onClick={() => onChange(draftWith(draft, [...path, count], newRow(count)))}
      >
        Add {itemLabel.toLowerCase()}
      </button>
    </fieldset>
  );
}

function SchemaNode(props: NodeProps) {
  const { node, path, errors, hints } = props;
  const kind = fieldKind(unwrapNullable(node).node);
  switch (kind.kind) {
    case 'object':
      if (path.length === 0 || typeof path.at(-1) === 'number')
        return <ObjectFields {...props} node={kind.node} />;
      return (
        <fieldset className="schema-object">
          <legend>{labelOf(path, hints)}</legend>
          <FieldError id={`${pathKey(path)}-error`} message={errors[pathKey(path)]} />
          <ObjectFields {...props} node={kind.node} />
        </fieldset>
      );
    case 'array':
      return <ListFields {...props} node={kind.node} item={kind.item} />;
    case 'unsupported':
      return null;
    default:
      return <Leaf {...props} />;
  }
}

/**
 * A form generated from a JSON Schema: fieldsets for objects, rows for lists, a control per leaf. Empty fields
 * mean "leave unchanged"; nullable fields can be cleared. The caller validates with the zod schema.
 */
export function SchemaForm({ schema, ...rest }: SchemaFormProps) {
  const id = useId();
  return (
    <div className="schema-form">
      {rest.errors[''] && (
        <p role="alert" className="field-error">
          <FieldError id={`${id}-error`} message={rest.errors['']} />
        </p>
      )}
      <SchemaNode {...rest} node={schema} path={[]} isRequired isInRow={false} />
    </div>
  );
}
