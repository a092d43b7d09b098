import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/database";
import { readExpectedSchema } from "@/test/support/expected-schema";

// How each Prisma type must look in information_schema.
const PG_TYPES: Record<string, string> = {
  String: "text",
  "String:uuid": "uuid",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  DateTime: "timestamp with time zone",
  Json: "jsonb",
  Float: "double precision",
  Bytes: "bytea",
};
// Tables the migrations own that no Prisma model describes.
const UNMODELLED = new Set(["_prisma_migrations", "_executor_migrations"]);

let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await db.drop();
});

describe("schema.prisma and the migrated database", () => {
  const expected = readExpectedSchema();

  it("have the same tables", async () => {
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    const actual = rows
      .map((r) => r.table_name)
      .filter((t) => !UNMODELLED.has(t))
      .sort();
    expect(actual).toEqual(expected.tables.map((t) => t.table).sort());
  });

  it("have the same columns, types and nullability", async () => {
    const { rows } = await client.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      udt_name: string;
      is_nullable: string;
    }>(
      "SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'",
    );
    for (const table of expected.tables) {
      const actual = rows
        .filter((r) => r.table_name === table.table)
        .map((r) => ({
          column: r.column_name,
          type: describeType(r.data_type, r.udt_name),
          nullable: r.is_nullable === "YES",
        }))
        .sort((a, b) => a.column.localeCompare(b.column));
      const wanted = table.columns
        .map((c) => ({ ...c, type: expectedType(c.type) }))
        .sort((a, b) => a.column.localeCompare(b.column));
      expect({ table: table.table, columns: actual }).toEqual({ table: table.table, columns: wanted });
    }
  });

  it("have the same unique constraints and indexes", async () => {
    const { rows } = await client.query<{ tablename: string; indexname: string }>(
      "SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey'",
    );
    for (const table of expected.tables) {
      const actual = rows
        .filter((r) => r.tablename === table.table)
        .map((r) => r.indexname)
        .sort();
      expect({ table: table.table, indexes: actual }).toEqual({ table: table.table, indexes: table.indexes });
    }
  });

  it("have the same enums", async () => {
    const { rows } = await client.query<{ typname: string; labels: string[] }>(
      "SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname",
    );
    expect(Object.fromEntries(rows.map((r) => [r.typname, r.labels]))).toEqual(expected.enums);
  });
});

function describeType(dataType: string, udt: string): string {
  if (dataType === "USER-DEFINED") return `enum:${udt}`;
  if (dataType === "ARRAY") return `${udt.replace(/^_/, "")}[]`;
  return dataType;
}

function expectedType(prismaType: string): string {
  if (prismaType.startsWith("enum:")) return prismaType;
  if (prismaType.endsWith("[]")) return `${udtOf(PG_TYPES[prismaType.slice(0, -2)])}[]`;
  return PG_TYPES[prismaType] ?? `unknown Prisma type ${prismaType}`;
}

function udtOf(dataType: string | undefined): string {
  return (
    ({ text: "text", uuid: "uuid", integer: "int4", bigint: "int8" } as Record<string, string>)[dataType ?? ""] ??
    String(dataType)
  );
}
