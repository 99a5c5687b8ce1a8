// A seed step writes one more part of the demo (e.g. APV plans, evidence files) after the
// committees, users and plans, inside the same transaction, from the generated data. Steps are
// listed in demo/index.ts, one line each.
import type { Database } from "../client";
import type { DemoData } from "./generate";

export interface SeedStep {
  name: string;
  /** Returns a line for the seed log (what it wrote). */
  run(tx: Database, data: DemoData): Promise<string>;
}
