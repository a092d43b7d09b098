// What prisma/schema/*.prisma says the database should hold, for the drift test
// (`prisma migrate diff` cannot run here: it needs the schema engine download).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type ExpectedColumn = { column: string; type: string; nullable: boolean };
export type ExpectedTable = { table: string; columns: ExpectedColumn[]; indexes: string[] };
export type ExpectedSchema = { tables: ExpectedTable[]; enums: Record<string, string[]> };

const SCALARS = new Set(["String", "Int", "BigInt", "Boolean", "DateTime", "Json", "Float", "Decimal", "Bytes"]);

export function readExpectedSchema(dir = path.join(process.cwd(), "prisma", "schema")): ExpectedSchema {
  const text = readdirSync(dir)
    .filter((f) => f.endsWith(".prisma"))
    .map((f) => readFileSync(path.join(dir, f), "utf8").replace(/\/\/.*$/gm, ""))
    .join("\n")
    // Braces inside string literals (a Json column's `@default("{}")`) do not end a block.
    .replace(/"[^"\n]*"/g, (literal) => literal.replace(/[{}]/g, ""));
  const enums: Record<string, string[]> = {};
  for (const [, name, body] of text.matchAll(/enum (\w+) \{([^}]*)\}/g)) {
    enums[name] = body
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
  }
  const tables: ExpectedTable[] = [];
  for (const [, name, body] of text.matchAll(/model (\w+) \{([^}]*)\}/g)) tables.push(readModel(name, body, enums));
  return { tables, enums };
}

function readModel(name: string, body: string, enums: Record<string, string[]>): ExpectedTable {
  const lines = body
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const table = lines.map((l) => l.match(/^@@map\("(\w+)"\)/)?.[1]).find(Boolean) ?? name;
  const columnOf = new Map<string, string>();
  const columns: ExpectedColumn[] = [];
  const indexes: string[] = [];
  for (const line of lines.filter((l) => !l.startsWith("@@"))) {
    const m = line.match(/^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/);
    if (!m) continue;
    const [, field, type, list, optional, attrs] = m;
    if (!SCALARS.has(type) && !enums[type]) continue; // a relation field: no column
    const column = attrs.match(/@map\("(\w+)"\)/)?.[1] ?? field;
    columnOf.set(field, column);
    const base = enums[type] ? `enum:${type}` : `${type}${attrs.includes("@db.Uuid") ? ":uuid" : ""}`;
    // Prisma creates scalar lists as nullable array columns (`TEXT[]`), whatever the schema says.
    columns.push({ column, type: list ? `${base}[]` : base, nullable: !!optional || !!list });
    if (/@unique\b/.test(attrs)) indexes.push(`${table}_${column}_key`);
  }
  for (const line of lines) {
    const m = line.match(/^@@(unique|index)\(\[([^\]]+)\]/);
    if (!m) continue;
    const cols = m[2]
      .split(",")
      .map((c) => c.trim().split("(")[0])
      .map((c) => columnOf.get(c) ?? c);
    indexes.push(`${table}_${cols.join("_")}_${m[1] === "unique" ? "key" : "idx"}`);
  }
  return { table, columns, indexes: indexes.sort() };
}
