// Wellbeing suppression at the bench's scale (`npm run bench:wellbeing -- national`): the unit tree
// and the survey results exactly as bench/generate.ts lays them down (organisation → 10 areas → 50
// centres → 250 departments → N teams; every team answers every dimension in two rounds, 2–15
// respondents), run through wellbeingFigures per round and dimension as jobs/recompute/stages/wellbeing/recompute.ts
// does, the exact rational proof included. In memory: the database plays no part in this step.
import { SCALES } from "./generate";
import { wellbeingFigures, type ImportedScore, type UnitNode } from "../domain/wellbeing";

const DIMENSIONS = ["trivsel", "social_kapital", "tillid_ledelse", "retfaerdighed", "foelelsesmaessige_krav", "kvantitative_krav",
  "arbejdstempo", "rolleklarhed", "rollekonflikter", "udbraendthed", "indflydelse", "anerkendelse"];
const ROUNDS = ["bench-efteraar", "bench-foraar"];

const name = (process.argv[2] ?? "national") as keyof typeof SCALES;
const scale = SCALES[name];
if (!scale) throw new Error(`unknown scale ${name}: ${Object.keys(SCALES).join(", ")}`);
const T = scale.teams;
const units: UnitNode[] = [{ id: 1, parentId: null, code: "ORG" }];
for (let a = 1; a <= 10; a++) units.push({ id: 1 + a, parentId: 1, code: `A${a}` });
for (let c = 1; c <= 50; c++) units.push({ id: 100 + c, parentId: 1 + ((c - 1) % 10 + 1), code: `C${c}` });
for (let d = 1; d <= 250; d++) units.push({ id: 1000 + d, parentId: 100 + ((d - 1) % 50 + 1), code: `D${d}` });
for (let t = 1; t <= T; t++) units.push({ id: 10000 + t, parentId: 1000 + ((t - 1) % 250 + 1), code: `T${t}` });

const times: number[] = [];
let hidden = 0;
let complementary = 0;
let figures = 0;
for (const round of ROUNDS) {
  for (const dim of DIMENSIONS) {
    const scores: ImportedScore[] = [];
    for (let t = 1; t <= T; t++) scores.push({ unitId: 10000 + t, score: 40 + ((t * 7 + dim.length) % 45), respondents: 2 + ((t + round.length) % 14), invited: 20 });
    const t0 = performance.now();
    const result = wellbeingFigures(units, scores, 5);
    times.push(performance.now() - t0);
    for (const f of result.values()) {
      figures++;
      if (f.hiddenReason) hidden++;
      if (f.hiddenReason === "complementary") complementary++;
    }
  }
}
const total = times.reduce((a, b) => a + b, 0);
const sorted = [...times].sort((a, b) => a - b);
console.log(`${name}: ${units.length} units, ${times.length} round × dimension groups, ${figures} figures (${hidden} hidden, ${complementary} of them complementary)`);
console.log(`suppression with proof: ${(total / 1000).toFixed(2)} s in all; per group median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`);
