import { z } from 'zod';

/** The part of JSON Schema (draft 2020-12) that `z.toJSONSchema()` produces for our step parameters. */
export interface JsonSchemaNode {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  enum?: (string | number)[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  description?: string;
}

/** What a form control edits: the schema node with an optional `null` alternative taken apart. */
export type FieldKind =
  | { kind: 'object'; node: JsonSchemaNode }
  | { kind: 'array'; node: JsonSchemaNode; item: JsonSchemaNode }
  | { kind: 'enum'; node: JsonSchemaNode; options: string[] }
  | { kind: 'text'; node: JsonSchemaNode }
  | { kind: 'number'; node: JsonSchemaNode; isInteger: boolean }
  | { kind: 'boolean'; node: JsonSchemaNode }
  | { kind: 'unsupported'; node: JsonSchemaNode };

/**
 * The input shape of a zod schema as JSON Schema, for generating a form. Refinements do not appear in it: the
 * form validates with the zod schema itself, so their messages still reach the technician.
 */
export function jsonSchemaOf(schema: z.ZodType): JsonSchemaNode {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
}

/** Splits `anyOf: [X, {type: null}]` into X and "may be cleared". */
export function unwrapNullable(node: JsonSchemaNode): { node: JsonSchemaNode; isNullable: boolean } {
  const alternatives = node.anyOf;
  if (!alternatives) return { node, isNullable: false };
  const others = alternatives.filter((a) => a.type !== 'null');
  if (others.length === 1 && others.length < alternatives.length)
    return { node: others[0]!, isNullable: true };
  return { node, isNullable: false };
}

export function fieldKind(node: JsonSchemaNode): FieldKind {
  if (node.enum && node.enum.every((v) => typeof v === 'string')) {
    return { kind: 'enum', node, options: node.enum as string[] };
  }
  switch (node.type) {
    case 'object':
      return { kind: 'object', node };
    case 'array':
      return node.items ? { kind: 'array', node, item: node.items } : { kind: 'unsupported', node };
    case 'string':
      return { kind: 'text', node };
    case 'number':
    case 'integer':
      return { kind: 'number', node, isInteger: node.type === 'integer' };
    case 'boolean':
      return { kind: 'boolean', node };
    default:
      return { kind: 'unsupported', node };
  }
}
