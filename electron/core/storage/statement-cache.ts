import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

/** Prepares each SQL text once per connection; repositories keep their SQL inline and still reuse statements. */
export function statementCache(db: Db): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
}
