import type pg from "pg";

let enabled = true;

/**
 * The embedded database (PGlite behind pglite-socket) serves every connection from one session,
 * where two connections preparing the same name collide; the executor turns names off there.
 */
export function setPreparedStatements(on: boolean): void {
  enabled = on;
}

/**
 * A hot statement as a named (prepared) query: PostgreSQL parses it once per connection and,
 * once its plan settles, stops planning it. Parsing and planning were about half of the
 * database's CPU for these statements under bench:delivery.
 */
export function prepared(name: string, text: string, values: unknown[]): pg.QueryConfig {
  return enabled ? { name: `executor.${name}`, text, values } : { text, values };
}
