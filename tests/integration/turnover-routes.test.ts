// The turnover page, its drill-down and downloads on the real server: figures as hand-computed,
// names only for those allowed, and a download byte-identical to `npm run export -- turnover`.
//
// Fixture (auth-fixtures.ts): ORG → Klynge A (Team A1, Team A2) and Klynge B (Team B1). Year 2024 = 366 days.
//   p1 Team A1 since 2023-01-01, stays                      → 366 days in A1
//   p2 Team A1 2023-06-01 – 2024-06-30, resignation         → 182 days; external, voluntary departure
//   p3 Team A1 2023-01-01 – 2024-03-31, then Team A2 onward → A1 91 days, A2 275 days; internal transfer out of A1
//   p4 Team B1 from 2024-02-01 as manager                   → 335 days; a hire
// ORG: 366 + 182 + 366 + 335 = 1249 headcount-days → 3.41; 1 departure → 1 × 100 × 366 / 1249 = 29.30 → 29.3 %.
// Team A1: 366 + 182 + 91 = 639 → 1.75; 2 departures → 2 × 100 × 366 / 639 = 114.55 → 114.6 %; 1 voluntary, 1 internal.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { createUser } from "../../db/commands/users";
import { recomputeHr } from "../../jobs/recompute/stages/hr/recompute";
import { buildOrg, type OrgFixture } from "./auth-fixtures";
import { login, startServer, type RunningServer } from "../helpers/auth-server";

const run = promisify(execFile);
const PASSWORD = "Turnover-test-password-1";
let server: RunningServer;
let org: OrgFixture;
const cookies: Record<string, string> = {};

async function get(who: string, path: string): Promise<Response> {
  return fetch(`${server.base}${path}`, { headers: { Cookie: cookies[who] }, redirect: "manual" });
}

function text(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ").replace(/&nbsp;|\u00a0/g, " ").replace(/\s+/g, " ");
}

beforeAll(async () => {
  server = await startServer("turnover_routes", { APP_TODAY: "2025-03-15" });
  const db = server.db.db;
  org = await buildOrg(db);
  await db.execute(sql`insert into employees (id, display_name) values ('p1', 'Anna Et'), ('p2', 'Bo To'), ('p3', 'Carl Tre'), ('p4', 'Dorte Fire')`);
  const u = org.unit;
  await db.execute(sql`insert into employments (employee_id, unit_id, role, is_manager, fte, start_date, end_date, end_reason) values
    ('p1', ${u.TA1}, 'caseworker', false, 1, '2023-01-01', null, null),
    ('p2', ${u.TA1}, 'caseworker', false, 1, '2023-06-01', '2024-06-30', 'resignation'),
    ('p3', ${u.TA1}, 'specialist', false, 1, '2023-01-01', '2024-03-31', 'internal_transfer'),
    ('p3', ${u.TA2}, 'specialist', false, 1, '2024-04-01', null, null),
    ('p4', ${u.TB1}, 'manager', true, 1, '2024-02-01', null, null)`);
  await recomputeHr(db);
  await createUser(db, { email: "hr@k.dk", displayName: "HR", password: PASSWORD, roles: [{ role: "hr" }] });
  await createUser(db, { email: "dir@k.dk", displayName: "Direktør", password: PASSWORD, roles: [{ role: "director" }] });
  await createUser(db, { email: "leder.a@k.dk", displayName: "Leder A", password: PASSWORD, roles: [{ role: "manager", unitId: u.CA }] });
  cookies.hr = await login(server.base, "hr@k.dk", PASSWORD, "10.1.0.1");
  cookies.director = await login(server.base, "dir@k.dk", PASSWORD, "10.1.0.2");
  cookies.managerA = await login(server.base, "leder.a@k.dk", PASSWORD, "10.1.0.3");
}, 600_000);

afterAll(async () => {
  await server?.close();
});

describe("turnover page", () => {
  it("shows HR the hand-computed figures for the organisation and every unit below it, 2024", async () => {
    const response = await get("hr", `/turnover?unit=${org.unit.ORG}&p=year&year=2024`);
    expect(response.status).toBe(200);
    const page = text(await response.text());
    // ORG row: 3,41 avg, 1 departure, 29,3 %; Team A1: 1,75, 2, 114,6 %.
    expect(page).toMatch(/Kommunen ORG 3,41 \( [\d,]+ \) 1 \( \d+ \) 29,3/);
    expect(page).toMatch(/Team A1 TA1 1,75 \( [\d,]+ \) 2 \( \d+ \) 114,6/);
    expect(page).toContain("Sådan er tallene beregnet");
  });

  it("refuses a unit outside the manager's scope and a malformed period", async () => {
    expect((await get("managerA", `/turnover?unit=${org.unit.TB1}`)).status).toBe(403);
    const bad = text(await (await get("hr", `/turnover?unit=${org.unit.ORG}&p=custom&from=2024-05-01&to=2024-01-01`)).text());
    expect(bad).toContain("Til-datoen ligger før fra-datoen.");
  });
});

describe("departure drill-down", () => {
  const list = (who: string, unit: number, extra = "") => get(who, `/turnover/departures?unit=${unit}&from=2024-01-01&to=2024-12-31${extra}`);

  it("lists Team A1's two departures with kind and reason, with names for their own manager", async () => {
    const page = text(await (await list("managerA", org.unit.TA1)).text());
    expect(page).toContain("2 fratrædelser");
    expect(page).toMatch(/31\.3\.2024 Team A1 Specialist Intern overflytning Nej Intern overflytning Carl Tre/);
    expect(page).toMatch(/30\.6\.2024 Team A1 Sagsbehandler Ekstern Ja Egen opsigelse Bo To/);
  });

  it("shows the director the list without names", async () => {
    const response = await list("director", org.unit.ORG);
    expect(response.status).toBe(200);
    const page = text(await response.text());
    expect(page).toContain("1 fratrædelse");
    expect(page).not.toContain("Bo To");
    expect(page).toContain("Navne vises kun for personens egne ledere.");
  });

  it("shows HR the list without names (DATA-CONTRACT.md: names only to the person's own managers)", async () => {
    const page = text(await (await list("hr", org.unit.TA1)).text());
    expect(page).toContain("2 fratrædelser");
    expect(page).not.toContain("Bo To");
    expect(page).not.toContain("Carl Tre");
  });

  it("filters to voluntary departures only", async () => {
    expect(text(await (await list("hr", org.unit.TA1, "&kind=voluntary")).text())).toContain("1 fratrædelse");
  });
});

describe("downloads", () => {
  const cli = async (args: string[]) => run("npx", ["tsx", "cli/export.ts", "turnover", ...args], {
    env: { ...process.env, DATABASE_URL: server.db.url }, encoding: "buffer", maxBuffer: 10_000_000,
  });

  it("the CSV download is byte-identical to npm run export for the same unit and period", async () => {
    const response = await get("hr", `/turnover/download?unit=${org.unit.ORG}&from=2024-01-01&to=2024-12-31&format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const downloaded = Buffer.from(await response.arrayBuffer());
    const { stdout } = await cli(["--from", "2024-01-01", "--to", "2024-12-31", "--unit", "ORG"]);
    expect(downloaded.equals(stdout as unknown as Buffer)).toBe(true);
    const lines = downloaded.toString("utf8").slice(1).split("\r\n");
    expect(lines[1]).toBe("ORG;Kommunen;2024-01-01;2024-12-31;3,41;1;29,3;0,92;0;0,0;1;0;1");
    expect(lines[3]).toBe("TA1;Team A1;2024-01-01;2024-12-31;1,75;2;114,6;0,00;0;;1;1;0");
    expect(lines.map((l) => l.split(";")[0])).toEqual(["unit_code", "ORG", "CA", "TA1", "TA2", "CB", "TB1", ""]);
  });

  it("the XLSX download holds the same figures as typed cells", async () => {
    const response = await get("hr", `/turnover/download?unit=${org.unit.ORG}&from=2024-01-01&to=2024-12-31&format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const row = workbook.worksheets[0].getRow(4).values as unknown[];
    // The period as date cells (UTC midnights, shown as the day), the figures as numbers.
    const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
    expect(row.slice(1)).toEqual(["TA1", "Team A1", day("2024-01-01"), day("2024-12-31"), 1.75, 2, 114.6, 0, 0, null, 1, 1, 0].map((v) => (v === null ? undefined : v)));
  });

  it("the command line exits non-zero with a readable message for an unknown unit", async () => {
    const failure = await cli(["--from", "2024-01-01", "--to", "2024-12-31", "--unit", "NOPE"]).catch((e: { code: number; stderr: Buffer }) => e);
    expect("code" in failure && failure.code).toBe(1);
    expect(String((failure as { stderr: Buffer }).stderr)).toContain("export: unknown unit code NOPE");
  });

  it("refuses a download of a unit outside the manager's scope", async () => {
    expect((await get("managerA", `/turnover/download?unit=${org.unit.TB1}&from=2024-01-01&to=2024-12-31&format=csv`)).status).toBe(403);
  });
});
