import { z } from 'zod';

/** Names what a removal took away, for a short while, so the technician can undo it. */
export const UndoIdSchema = z
  .string()
  .regex(/^undo_[0-9a-z]{8,40}$/, 'expected an undo id like "undo_01h…"')
  .brand<'UndoId'>();
export type UndoId = z.infer<typeof UndoIdSchema>;
