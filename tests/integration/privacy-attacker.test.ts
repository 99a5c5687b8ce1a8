// The determined reader of issue #13 on the running server: the three trees of the issue imported
// as survey files (two rounds), then every unit's wellbeing page, its `.data` response and the
// wellbeing export read as the administrator (who may see every unit), and everything shown fed
// to the exact brute-force solver (tests/helpers/wellbeing-attacker.ts). It finds nothing, and no
// score leaves the server with more digits than the page shows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode } from "turbo-stream";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { createUser } from "../../db/commands/users";
import { createRecomputeRequest } from "../../db/recompute-requests";
import { processRecomputeRequest } from "../../jobs/recompute/job";
import { buildWellbeingExport } from "../../exports/wellbeing";
import { attack, type AttackUnit } from "../helpers/wellbeing-attacker";
import { csv, importer, tempDir } from "./import-helpers";
import { login, startServer, type RunningServer } from "../helpers/auth-server";

const TODAY = "2024-06-12";
const PASSWORD = "korrekt-hest-batteri";
let s: RunningServer;
let admin: string;
const tmp = tempDir();

// ORG → C1 (issue tree 1), C2 (tree 2), C3 (tree 3).
const UNITS = [
  ["ORG", "Kommunen", "", "organisation"],
  ["C1", "Center 1", "ORG", "centre"], ["D1", "Afdeling 1", "C1", "department"], ["TA", "Team A", "D1", "team"], ["TA2", "Team A2", "D1", "team"], ["TB", "Team B", "C1", "team"],
  ["C2", "Center 2", "ORG", "centre"], ["D2", "Afdeling 2", "C2", "department"], ["T5", "Team 5", "D2", "team"], ["T6", "Team 6", "D2", "team"], ["T7", "Team 7", "C2", "team"],
  ["C3", "Center 3", "ORG", "centre"], ["D3", "Afdeling 3", "C3", "department"], ["T", "Team T", "D3", "team"], ["X", "Team X", "C3", "team"],
];
// [unit, score, respondents] per round; D1 and D3 carry the vendor's own department score.
const ROUNDS: Record<string, { closed: string; rows: [string, string, number][] }> = {
  "2023-efteraar": { closed: "2023-11-30", rows: [["D1", "65,71", 14], ["TA", "70", 8], ["TA2", "60", 6], ["TB", "40", 3], ["T5", "50", 2], ["T6", "80", 11], ["T7", "20", 1], ["D3", "55", 10], ["T", "55", 10], ["X", "30", 3]] },
  "2024-foraar": { closed: "2024-04-30", rows: [["D1", "66,43", 14], ["TA", "71,25", 8], ["TA2", "60,33", 6], ["TB", "41,7", 3], ["T5", "52", 2], ["T6", "78,18", 11], ["T7", "25", 1], ["D3", "57,3", 10], ["T", "57,3", 10], ["X", "33", 3]] },
};

beforeAll(async () => {
  s = await startServer("privacy_attacker", { APP_TODAY: TODAY });
  const db = s.db.db;
  const load = importer(db, tmp.dir);
  const units = await load("units", "units.csv", csv("unit_code;name;parent_code;kind", ...UNITS.map((u) => u.join(";"))));
  expect(units.outcome).toBe("accepted");
  const lines = Object.entries(ROUNDS).flatMap(([round, { closed, rows }]) => rows.map(([unit, score, n]) => `${round};${closed};${unit};trivsel;${score};${n};20`));
  const survey = await load("survey-results", "trivsel.csv", csv("survey_round;closed_on;unit_code;dimension;score;respondents;invited", ...lines));
  expect(survey.outcome).toBe("accepted");
  await processRecomputeRequest(db, await createRecomputeRequest(db, "test", {}), TODAY);
  await createUser(db, { email: "admin@k.dk", displayName: "Admin", password: PASSWORD, language: "da", roles: [{ role: "admin" }] });
  admin = await login(s.base, "admin@k.dk", PASSWORD);
}, 180_000);

afterAll(async () => {
  await s?.close();
  tmp.cleanup();
});

interface Cell { score: number | null; respondents: number | null }

/** Every object in a decoded value that looks like a survey cell. */
function cellsIn(value: unknown, out: Cell[] = []): Cell[] {
  if (value && typeof value === "object") {
    if ("score" in value && "hidden" in value) out.push(value as unknown as Cell);
    for (const v of Object.values(value)) cellsIn(v, out);
  }
  return out;
}

describe("a determined reader of the wellbeing figures", () => {
  it("solves nothing from the pages, their .data and the export", async () => {
    const db = s.db.db;
    const tree = await queryRows<{ id: number; code: string; parentId: number | null }>(db, sql`select id, code, parent_id as "parentId" from units order by code`);
    const seen: Record<string, Record<string, { score: number; respondents: number }>> = { "2023-efteraar": {}, "2024-foraar": {} };
    for (const unit of tree) {
      const html = await (await fetch(`${s.base}/wellbeing?unit=${unit.id}`, { headers: { Cookie: admin } })).text();
      const response = await fetch(`${s.base}/wellbeing.data?unit=${unit.id}`, { headers: { Cookie: admin } });
      expect(response.status).toBe(200);
      const decoded = await decode(response.body!);
      await decoded.done;
      const route = (decoded.value as Record<string, { data: { page: { rounds: string[]; dimensions: { key: string; unit: (Cell | null)[]; change: number | null }[] } } }>)["routes/wellbeing"].data;
      // Scores and change leave the server as displayed: one decimal, nothing more.
      for (const cell of cellsIn(route)) if (cell.score !== null) expect(Math.round(cell.score * 10) / 10).toBe(cell.score);
      for (const d of route.page.dimensions) {
        if (d.change !== null) expect(Math.round(d.change * 10) / 10).toBe(d.change);
        route.page.rounds.forEach((round, i) => {
          const cell = d.unit[i];
          if (cell?.score != null) {
            seen[round][unit.code] = { score: cell.score, respondents: cell.respondents! };
            expect(html).toContain(cell.score.toFixed(1).replace(".", ","));
          }
        });
      }
      for (const raw of ["65.71", "41.7", "61.17", "67.85"]) expect(JSON.stringify(route)).not.toContain(raw);
    }
    const exported = await buildWellbeingExport(db, {});
    const findings: unknown[] = [];
    for (const round of Object.keys(ROUNDS)) {
      const shownOnPages = seen[round];
      const fromExport = Object.fromEntries(exported.rows.filter((r) => r[2] === round && r[4] !== null).map((r) => [r[0], { score: r[4] as number, respondents: r[5] as number }]));
      // The pages and the export show the same figures, so one solve covers both.
      expect(fromExport).toEqual(shownOnPages);
      const hiddenCounts = await queryRows<{ code: string; respondents: number }>(db, sql`
        select u.code, w.respondents from wellbeing_unit_round w join units u on u.id = w.unit_id where w.survey_round = ${round}`);
      const units: AttackUnit[] = tree.filter((u) => hiddenCounts.some((h) => h.code === u.code)).map((u) => ({
        id: u.id, parentId: u.parentId, code: u.code,
        // The solver needs the true group sizes to judge what it finds; the reader does not see them.
        respondents: hiddenCounts.find((h) => h.code === u.code)!.respondents,
        score: shownOnPages[u.code]?.score ?? null,
      }));
      findings.push(...attack(units, 5).map((f) => ({ round, ...f })));
      // What the old rules showed is among what is hidden now: TB, T5 + T7 and X stay unsolvable.
      expect(shownOnPages.TB).toBeUndefined();
      expect(shownOnPages.X).toBeUndefined();
    }
    expect(findings).toEqual([]);
  });
});
