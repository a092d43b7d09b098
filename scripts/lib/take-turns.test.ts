import { describe, expect, it } from "vitest";
import { takeTurns } from "./take-turns.mjs";

describe("takeTurns", () => {
  it("lets `concurrency` in at once and the rest in arrival order as others leave", async () => {
    const turns = takeTurns({ concurrency: 2, queueLimit: 10 });
    const order: number[] = [];
    const leaves = new Map<number, () => void>();
    const entries = [1, 2, 3, 4].map((n) => turns.enter()!.then((leave) => (order.push(n), leaves.set(n, leave))));
    await Promise.all(entries.slice(0, 2));
    expect(order).toEqual([1, 2]);
    expect([turns.inside, turns.waiting]).toEqual([2, 2]);

    leaves.get(2)!();
    leaves.get(2)!(); // twice: still one place freed
    await entries[2];
    expect(order).toEqual([1, 2, 3]);
    expect([turns.inside, turns.waiting]).toEqual([2, 1]);

    leaves.get(1)!();
    await entries[3];
    leaves.get(3)!();
    leaves.get(4)!();
    expect([turns.inside, turns.waiting]).toEqual([0, 0]);
  });

  it("turns a caller away at once when the queue is full", async () => {
    const turns = takeTurns({ concurrency: 1, queueLimit: 1 });
    const first = await turns.enter()!;
    expect(turns.enter()).not.toBeNull();
    expect(turns.enter()).toBeNull();
    first();
    expect(turns.waiting).toBe(0);
  });
});
