// The seeded action plans follow the seed text and read right on any day the demo is started.
import { describe, expect, it } from "vitest";
import { buildPlanSpecs, itemHistory, itemStateOn, planCreatedOn, type ItemSpec } from "../../db/seed/plan-specs";

const names = { atClusterLeader: "Klyngeleder", doegnHead: "Afdelingsleder" };

describe("itemStateOn", () => {
  const item: ItemSpec = {
    title: "x", owner: { name: "n" }, due: "2025-06-15", startedOn: "2025-05-01", doneOn: "2025-06-10", verifiedOn: "2025-09-11",
  };

  it("is planned before it starts, in progress until done, done until verified, then verified", () => {
    expect(itemStateOn(item, "2025-04-30").status).toBe("planned");
    expect(itemStateOn(item, "2025-05-01").status).toBe("in_progress");
    expect(itemStateOn(item, "2025-06-10")).toEqual({ status: "done", doneOn: "2025-06-10", verifiedOn: null });
    expect(itemStateOn(item, "2025-09-11")).toEqual({ status: "verified", doneOn: "2025-06-10", verifiedOn: "2025-09-11" });
  });

  it("is cancelled from its cancellation day", () => {
    const cancelled: ItemSpec = { title: "x", owner: { name: "n" }, due: "2025-09-01", startedOn: "2025-05-15", cancelledOn: "2025-07-01", cancelReason: "r" };
    expect(itemStateOn(cancelled, "2025-06-30").status).toBe("in_progress");
    expect(itemStateOn(cancelled, "2025-07-01").status).toBe("cancelled");
  });
});

describe("itemHistory", () => {
  it("lists the moves that happened by today in date order, ending in the state itemStateOn gives", () => {
    for (const today of ["2025-05-01", "2025-09-30", "2026-11-23"]) {
      for (const item of buildPlanSpecs(today, names).flatMap((s) => s.focusPoints.flatMap((f) => f.items))) {
        const history = itemHistory(item, today);
        expect(history.map((h) => h.day)).toEqual([...history.map((h) => h.day)].sort());
        expect(history.at(-1)?.status ?? "planned").toBe(itemStateOn(item, today).status);
      }
    }
  });
});

describe("buildPlanSpecs", () => {
  const specs = buildPlanSpecs("2026-11-23", names);

  it("holds the two AT notices of the visit on 10 April 2025 with the seed's themes", () => {
    const at = specs.filter((s) => s.source.kind === "at_decision");
    expect(at).toHaveLength(2);
    for (const plan of at) {
      if (plan.source.kind !== "at_decision") continue;
      expect(plan.source.visit).toBe("2025-04-10");
      expect(plan.source.decision >= plan.source.visit).toBe(true);
    }
    const themes = at.map((p) => (p.source.kind === "at_decision" ? p.source.themes : []));
    expect(themes).toEqual([["unclear_conflicting_demands"], ["workload_time_pressure", "emotional_demands"]]);
  });

  it("gives the cluster plan the five focus points the council answer lists", () => {
    const cluster = specs.find((s) => s.key === "at-cluster")!;
    expect(cluster.focusPoints.map((f) => f.title)).toEqual([
      "Tydeliggørelse af roller og arbejdsgange",
      "Prioritering og styring af opgaver",
      "Faglige læringsrum og kollegial sparring",
      "Involvering af arbejdsmiljøorganisationen",
      "Løbende opfølgning og dialog med Arbejdstilsynet",
    ]);
  });

  it("on the demo day has items overdue, done, verified and cancelled, and some falling due after today", () => {
    const today = "2026-11-23";
    const items = specs.flatMap((s) => s.focusPoints.flatMap((f) => f.items));
    const states = items.map((i) => ({ item: i, state: itemStateOn(i, today) }));
    const count = (status: string) => states.filter((s) => s.state.status === status).length;
    expect(count("verified")).toBeGreaterThan(0);
    expect(count("done")).toBeGreaterThan(0);
    expect(count("cancelled")).toBe(1);
    const open = states.filter((s) => s.state.status === "planned" || s.state.status === "in_progress");
    expect(open.filter((s) => s.item.due < today).length).toBeGreaterThan(0);
    expect(open.filter((s) => s.item.due > today).length).toBeGreaterThan(0);
  });

  it("verifies nothing before it is done and cancels only with a reason", () => {
    for (const item of specs.flatMap((s) => s.focusPoints.flatMap((f) => f.items))) {
      if (item.verifiedOn) expect(item.doneOn && item.doneOn <= item.verifiedOn).toBeTruthy();
      if (item.cancelledOn) expect(item.cancelReason).toBeTruthy();
    }
  });

  it("dates each plan by its AT decision or its survey round", () => {
    expect(specs.map(planCreatedOn)).toEqual(["2025-04-24", "2025-04-24", "2024-12-10", "2024-12-12"]);
  });
});

describe("demoScaleFromEnv", () => {
  it("defaults to the full demo, accepts small and refuses anything else", async () => {
    const { demoScaleFromEnv } = await import("../../demo");
    const { resetEnvCache } = await import("../../env");
    const saved = process.env.DEMO_SCALE;
    try {
      delete process.env.DEMO_SCALE;
      resetEnvCache();
      expect(demoScaleFromEnv()).toBe("full");
      process.env.DEMO_SCALE = "small";
      resetEnvCache();
      expect(demoScaleFromEnv()).toBe("small");
      process.env.DEMO_SCALE = "huge";
      resetEnvCache();
      expect(() => demoScaleFromEnv()).toThrow(/DEMO_SCALE/);
    } finally {
      if (saved === undefined) delete process.env.DEMO_SCALE;
      else process.env.DEMO_SCALE = saved;
      resetEnvCache();
    }
  });
});
