import { afterAll, beforeAll, expect, it } from "vitest";
import { startHarness } from "@/test/support/executor-harness";
import { pruneHistory } from "./retention";

let h: Awaited<ReturnType<typeof startHarness>>;

beforeAll(async () => {
  h = await startHarness((client) => [
    client.createFunction({ id: "quick", triggers: [{ event: "ret/quick" }] }, async ({ step }) =>
      step.run("a", () => 1),
    ),
    client.createFunction({ id: "sleeper", triggers: [{ event: "ret/sleeper" }] }, async ({ step }) => {
      await step.run("a", () => 1);
      await step.sleep("long", "30d");
    }),
  ]);
});

afterAll(() => h?.stop());

it("prunes finished runs, their steps and events past the retention, and never a running run", async () => {
  await h.client.send([{ name: "ret/quick" }, { name: "ret/quick" }, { name: "ret/sleeper" }]);
  const [oldRun, recentRun] = await h.finished("quick", 2);
  const sleeping = async () => (await h.runs("sleeper"))[0];
  await expect
    .poll(
      async () =>
        (
          await h.db.query(
            "SELECT 1 FROM executor.steps s JOIN executor.runs r ON r.id = s.run_id WHERE r.fn_id = 'conf-sleeper'",
          )
        ).rowCount,
    )
    .toBe(1);
  const { id: sleeperId } = (await sleeping())!;

  // Age one finished run, the sleeping run and every event by eight days.
  await h.db.query(
    "UPDATE executor.runs SET created_at = now() - interval '8 days', ended_at = now() - interval '8 days' WHERE id = $1",
    [oldRun.id],
  );
  await h.db.query("UPDATE executor.runs SET created_at = now() - interval '8 days' WHERE id = $1", [sleeperId]);
  await h.db.query("UPDATE executor.events SET received_at = now() - interval '8 days'");

  expect(await pruneHistory(h.db, 7 * 24 * 3_600_000)).toEqual({ runs: 1, events: 3 });
  const left = (await h.db.query<{ id: string }>("SELECT id FROM executor.runs ORDER BY id")).rows
    .map((r) => r.id)
    .sort();
  expect(left).toEqual([recentRun.id, sleeperId].sort());
  expect((await h.db.query("SELECT 1 FROM executor.steps WHERE run_id = $1", [oldRun.id])).rowCount).toBe(0);
  expect((await h.db.query("SELECT 1 FROM executor.steps WHERE run_id = $1", [recentRun.id])).rowCount).toBe(1);
  expect((await sleeping())!.status).toBe("running");
});
