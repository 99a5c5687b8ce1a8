// GDPR and accessibility on the running server: showing named per-caseworker load or leavers'
// names is logged (and showing teams without names is not); an administrator finds a person,
// downloads everything held about them (logged too) and pseudonymises them with a reason; the
// accessibility statement is public and linked from every page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { createUser } from "../../db/commands/users";
import { createRecomputeRequest } from "../../db/recompute-requests";
import { processRecomputeRequest } from "../../jobs/recompute/job";
import { buildOrg, type OrgFixture } from "./auth-fixtures";
import { login, startServer, type RunningServer } from "../helpers/auth-server";

const PASSWORD = "korrekt-hest-batteri";
const TODAY = "2024-06-12";
let s: RunningServer;
let org: OrgFixture;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  s = await startServer("privacy_routes", { APP_TODAY: TODAY });
  org = await buildOrg(s.db.db);
  const db = s.db.db;
  await db.execute(sql`insert into employees (id, display_name) values ('EA1', 'Anna Asen'), ('EA2', 'Arne Avlund')`);
  await db.execute(sql`insert into employments (employee_id, unit_id, role, is_manager, fte, start_date, end_date, end_reason) values
    ('EA1', ${org.unit.TA1}, 'caseworker', false, 1, '2023-01-01', null, null),
    ('EA2', ${org.unit.TA1}, 'caseworker', false, 1, '2023-01-01', '2024-05-31', 'resignation')`);
  await db.execute(sql`insert into case_periods (case_id, period_start, period_end, unit_id, caseworker_id, case_type, complexity) values
    ('A-1', '2024-01-01', null, ${org.unit.TA1}, 'EA1', 'underretning', 1),
    ('A-2', '2024-01-01', '2024-05-31', ${org.unit.TA1}, 'EA2', 'anbringelse', 3)`);
  const requestId = await createRecomputeRequest(db, "test", { from: "2024-01-01", to: TODAY });
  await processRecomputeRequest(db, requestId, TODAY);
  const people = { manager: { role: "manager", unitId: org.unit.CA }, director: { role: "director" }, admin: { role: "admin" } } as const;
  for (const [name, grant] of Object.entries(people)) {
    await createUser(db, { email: `${name}@k.dk`, displayName: `Bruger ${name}`, password: PASSWORD, language: "da", roles: [grant] });
    cookies[name] = await login(s.base, `${name}@k.dk`, PASSWORD, `10.30.0.${Object.keys(cookies).length + 1}`);
  }
});

afterAll(async () => {
  await s?.close();
});

const get = (who: string | null, url: string) => fetch(`${s.base}${url}`, { headers: who ? { Cookie: cookies[who] } : {}, redirect: "manual" });
const reads = () => queryRows<{ kind: string; subjects: number; email: string }>(s.db.db, sql`
  select r.kind, r.subjects, u.email from name_reads r join users u on u.id = r.user_id order by r.id`);

describe("the log of who read names", () => {
  it("records a manager's view of named caseworker load and leavers, and nothing for a view without names", async () => {
    expect((await get("director", `/team?unit=${org.unit.TA1}`)).status).toBe(200);
    expect((await get("director", `/turnover/departures?unit=${org.unit.TA1}&from=2024-01-01&to=2024-12-31`)).status).toBe(200);
    expect(await reads()).toEqual([]);
    expect((await get("manager", `/team?unit=${org.unit.TA1}`)).status).toBe(200);
    expect((await get("manager", `/turnover/departures?unit=${org.unit.TA1}&from=2024-01-01&to=2024-12-31`)).status).toBe(200);
    expect(await reads()).toEqual([
      { kind: "caseworker_load", subjects: 1, email: "manager@k.dk" },
      { kind: "departure_names", subjects: 1, email: "manager@k.dk" },
    ]);
    const log = await (await get("admin", "/admin/name-reads?kind=departure_names")).text();
    expect(log).toContain("Navne på fratrådte");
    expect(log).toContain("manager@k.dk");
    expect((await get("manager", "/admin/name-reads")).status).toBe(403);
  });
});

describe("a person's data", () => {
  it("is found, exported as a logged download, and pseudonymised on request with the reason", async () => {
    const found = await (await get("admin", "/admin/privacy?employeeId=EA2")).text();
    expect(found).toContain("Arne Avlund");
    const download = await get("admin", "/admin/privacy/export?employeeId=EA2");
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="persondata-EA2.json"');
    const exported = await download.json();
    expect(exported.employments).toEqual([expect.objectContaining({ unitCode: "TA1", endReason: "resignation", endDate: "2024-05-31" })]);
    expect(exported.casesHeld).toEqual([expect.objectContaining({ caseId: "A-2" })]);
    expect((await reads()).at(-1)).toEqual({ kind: "person_export", subjects: 1, email: "admin@k.dk" });

    const erase = (fields: Record<string, string>) => fetch(`${s.base}/admin/privacy`, {
      method: "POST", redirect: "manual",
      headers: { Cookie: cookies.admin, Origin: s.base, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "erase", employeeId: "EA2", ...fields }),
    });
    expect((await erase({ reason: "kort" })).status).toBe(400);
    const done = await erase({ reason: "Anmodning 2024-06-10, j.nr. 42", confirm: "on" });
    expect(done.status).toBe(200);
    expect(await done.text()).toMatch(/pseudonymiseret som anon-[0-9a-f]{16}/);
    const left = await queryRows<{ n: number }>(s.db.db, sql`
      select (select count(*) from employees where id = 'EA2' or display_name = 'Arne Avlund')::int
           + (select count(*) from case_periods where caseworker_id = 'EA2')::int as n`);
    expect(left[0].n).toBe(0);
    const [record] = await queryRows<{ reason: string; note: string }>(s.db.db, sql`select reason, note from pseudonymisations`);
    expect(record).toEqual({ reason: "erasure_request", note: "Anmodning 2024-06-10, j.nr. 42" });
  });
});

describe("the accessibility statement", () => {
  it("is public, states conformance, gaps, contact and enforcement, and every page links to it", async () => {
    const statement = await get(null, "/tilgaengelighed");
    expect(statement.status).toBe(200);
    const text = await statement.text();
    for (const part of ["Overensstemmelsesstatus", "delvist i overensstemmelse med WCAG 2.1", "Utilgængeligt indhold", "Feedback og kontaktoplysninger", "Håndhævelsesprocedure", "Digitaliseringsstyrelsen"]) {
      expect(text).toContain(part);
    }
    for (const url of ["/login", `/team?unit=${org.unit.TA1}`]) {
      const html = await (await get(url === "/login" ? null : "manager", url)).text();
      expect(html).toContain('href="/tilgaengelighed"');
    }
  });
});
