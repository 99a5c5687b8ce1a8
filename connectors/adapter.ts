// What each source gives the sync runner: how to read its settings, test it, and pull its rows.
import type { z } from "zod";
import type { ConnectionSource } from "../db/schema";
import type { ContractBatch } from "./contract";
import type { Database } from "../db/client";
import type { ColumnMapping } from "./mapping/mapping";

export interface PullContext<S> {
  db: Database;
  settings: S;
  /** What the last successful sync left; null on the first sync and on a full resync. */
  state: unknown;
  full: boolean;
  /** Today in Copenhagen (APP_TODAY in tests and demos). */
  today: string;
}

export interface Pulled {
  /** null: the source has nothing new since the last successful sync. */
  batch: ContractBatch | null;
  /** For a file connection: one file of any kind, imported as it is or through a saved mapping. */
  file?: { path: string; fileName: string; kind: import("../import").ImportKind; mapping: ColumnMapping | null; sha256: string };
  /** Kept for the next incremental sync once this one has succeeded. */
  state: unknown;
  /** Counts worth telling the administrator (e.g. engagements without a fraction). */
  notes?: Record<string, number>;
}

export interface Adapter<S = unknown> {
  source: ConnectionSource;
  settings: z.ZodType<S>;
  /** Reaches the source with the configured credentials; says what it found. Throws ConnectorError. */
  test(settings: S): Promise<string>;
  pull(ctx: PullContext<S>): Promise<Pulled>;
}
