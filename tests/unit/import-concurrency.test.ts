import { describe, expect, it } from "vitest";
import { Slots } from "../../import/concurrency";

describe("import slots", () => {
  it("runs at most N imports at once and the rest in arrival order", async () => {
    const slots = new Slots(1);
    const order: string[] = [];
    let peak = 0;
    const job = (name: string, ms: number) => slots.run(async () => {
      peak = Math.max(peak, slots.active);
      order.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      order.push(`end ${name}`);
      return name;
    });
    const results = await Promise.all([job("a", 30), job("b", 5), job("c", 5)]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(order).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
    expect(peak).toBe(1);
    expect(slots.active).toBe(0);
  });

  it("frees the slot when an import throws", async () => {
    const slots = new Slots(2);
    await expect(slots.run(async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    expect(slots.active).toBe(0);
    expect(await slots.run(async () => 42)).toBe(42);
  });
});
