// The demo data entry points: `npm run demo` seeds an empty database, `npm run db:seed` on request.
import type { Database } from "../db/client";
import { generateDemo, DEFAULT_SEED, type DemoData } from "../db/seed/generate";
import { isEmpty, loadDemo, type LoadSummary } from "./load";
import type { Scale } from "../db/seed/organisation";
import type { SeedStep } from "../db/seed/steps";
import { businessDate, env } from "../env";

export { DEMO_LOGINS, DEMO_PASSWORD, type DemoLogin } from "../db/seed/logins";
export { generateDemo, DEFAULT_SEED, type DemoData } from "../db/seed/generate";
export type { Scale } from "../db/seed/organisation";
export type { SeedStep } from "../db/seed/steps";

/**
 * Further parts of the demo, written after the plans in the same transaction, in this order. To add
 * one, export a SeedStep from its own file in db/seed/ and list it here (one line).
 */
export const SEED_STEPS: SeedStep[] = [
];

export interface SeedOptions {
  seed?: string;
  scale?: Scale;
  /** Defaults to today in Copenhagen (APP_TODAY fixes it). */
  today?: string;
}

/** Generates and loads the demo into db, which must be empty. */
export async function seedDemo(db: Database, log: (line: string) => void, options: SeedOptions = {}): Promise<LoadSummary & { data: DemoData }> {
  const started = Date.now();
  const today = options.today ?? businessDate();
  const scale = options.scale ?? "full";
  const data = generateDemo({ seed: options.seed ?? DEFAULT_SEED, scale, today });
  log(`Generating the demo organisation (${scale}, as of ${today}): ${data.units.length} units, ${data.employees.length} employees, ${data.rows["case-periods"].length} case periods`);
  const summary = await loadDemo(db, data, log, SEED_STEPS);
  log(`Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { ...summary, data };
}

/** Seeds the demo when the database has no organisation yet; true when it seeded. */
export async function seedDemoIfEmpty(db: Database, log: (line: string) => void, options: SeedOptions = {}): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  await seedDemo(db, log, { scale: demoScaleFromEnv(), ...options });
  return true;
}

/** DEMO_SCALE=small gives the six-team demo the end-to-end tests use (env.ts refuses anything but full or small). */
export function demoScaleFromEnv(): Scale {
  return env().DEMO_SCALE;
}
