import type pg from "pg";
import { compileExpression, type Scope } from "./expressions";
import { nextCronTime } from "./cron-schedule";

/** One function as the SDK describes it on sync (the parts the executor acts on). */
export type FunctionConfig = {
  id: string;
  name?: string;
  triggers?: { event?: string; expression?: string; cron?: string }[];
  steps?: Record<string, { retries?: { attempts?: number } }>;
  concurrency?: number | ConcurrencyConfig | ConcurrencyConfig[];
  idempotency?: string;
  [other: string]: unknown;
};
type ConcurrencyConfig = { limit: number; key?: string; scope?: "fn" | "env" | "account" };

export type Expr = (scope: Scope) => unknown;
export type FunctionDef = {
  id: string;
  /** Attempts per step and per discovery call: retries + 1 (SDK default 3 retries). */
  maxAttempts: number;
  eventTriggers: { pattern: string; filter?: Expr }[];
  crons: string[];
  concurrency: { key?: Expr; scope: string; limit: number }[];
  idempotency?: Expr;
};

/** Options the SDK may send that this executor does not implement; reported once on sync. */
const UNSUPPORTED = ["batchEvents", "rateLimit", "throttle", "debounce", "priority", "cancel", "timeouts", "singleton"];

export class FunctionRegistry {
  private defs = new Map<string, FunctionDef>();
  warnings: string[] = [];

  get size(): number {
    return this.defs.size;
  }

  get(id: string): FunctionDef | undefined {
    return this.defs.get(id);
  }

  all(): FunctionDef[] {
    return [...this.defs.values()];
  }

  /** Functions with an event trigger matching `name` (exact, or a `prefix/*` wildcard) and its filter. */
  matching(event: Scope & { name: string }): FunctionDef[] {
    return this.all().filter((def) =>
      def.eventTriggers.some(
        (t) => patternMatches(t.pattern, event.name) && (!t.filter || t.filter({ event }) === true),
      ),
    );
  }

  /** Swaps in a new set of configs; invalid ones are skipped with a warning. */
  use(configs: FunctionConfig[]): void {
    const defs = new Map<string, FunctionDef>();
    const warnings: string[] = [];
    for (const config of configs) {
      try {
        defs.set(config.id, toDef(config));
        for (const option of UNSUPPORTED) {
          if (config[option] !== undefined)
            warnings.push(`${config.id}: option "${option}" is not supported by the embedded executor and is ignored`);
        }
      } catch (error) {
        warnings.push(`${config.id}: skipped, ${(error as Error).message}`);
      }
    }
    this.defs = defs;
    this.warnings = warnings;
  }

  /** Loads the configs the last sync stored, so a restart runs work before the app answers. */
  async load(db: pg.Pool): Promise<void> {
    const { rows } = await db.query<{ config: FunctionConfig }>("SELECT config FROM executor.functions");
    this.use(rows.map((r) => r.config));
  }

  /** Stores a sync's configs and reconciles cron rows (new crons start from now). */
  async save(db: pg.Pool, configs: FunctionConfig[]): Promise<void> {
    const client = await db.connect();
    try {
      await client.query("BEGIN");
      await client.query("DELETE FROM executor.functions WHERE NOT (id = ANY($1))", [configs.map((c) => c.id)]);
      for (const config of configs) {
        await client.query(
          "INSERT INTO executor.functions (id, config) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET config = EXCLUDED.config, synced_at = now()",
          [config.id, JSON.stringify(config)],
        );
      }
      const crons = this.all().flatMap((def) => def.crons.map((cron) => ({ fnId: def.id, cron })));
      await client.query(
        'DELETE FROM executor.crons c WHERE NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($1::jsonb) AS x("fnId" text, cron text) WHERE x."fnId" = c.fn_id AND x.cron = c.cron)',
        [JSON.stringify(crons)],
      );
      for (const { fnId, cron } of crons) {
        await client.query(
          "INSERT INTO executor.crons (fn_id, cron, next_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
          [fnId, cron, nextCronTime(cron, new Date())],
        );
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

function toDef(config: FunctionConfig): FunctionDef {
  const step = config.steps?.step ?? Object.values(config.steps ?? {})[0];
  const triggers = config.triggers ?? [];
  const concurrency = config.concurrency === undefined ? [] : [config.concurrency].flat();
  return {
    id: config.id,
    maxAttempts: (step?.retries?.attempts ?? 3) + 1,
    eventTriggers: triggers
      .filter((t) => t.event)
      .map((t) => ({ pattern: t.event as string, filter: t.expression ? compileExpression(t.expression) : undefined })),
    crons: triggers.filter((t) => t.cron).map((t) => t.cron as string),
    concurrency: concurrency.map((c) =>
      typeof c === "number"
        ? { scope: "fn", limit: c }
        : { key: c.key ? compileExpression(c.key) : undefined, scope: c.scope ?? "fn", limit: c.limit },
    ),
    idempotency: config.idempotency ? compileExpression(config.idempotency) : undefined,
  };
}

function patternMatches(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  return pattern.endsWith("*") && name.startsWith(pattern.slice(0, -1));
}
