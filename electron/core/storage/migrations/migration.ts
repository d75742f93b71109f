/** One schema step. Append-only: a released migration is never edited (its checksum is verified at open). */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
