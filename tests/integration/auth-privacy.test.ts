// Privacy on the running server (DOMAIN.md): per-caseworker names only for the person's own
// managers; MED members, the director and the administrator see teams without names; names of
// leavers only for managers and HR; survey scores of groups under 5 respondents for nobody.
//
// Fixture (on auth-fixtures.ts' tree), today fixed at 2024-06-12 (a Wednesday):
//   Team A1: Anna Asen, caseworker since 2023-01-01, holds cases through 2024;
//            Arne Avlund, caseworker 2023-01-01 – 2024-05-31, resigned (a departure in 2024).
//   Survey round 2024-foraar (closed 2024-04-30), dimension trivsel:
//            Team A1 score 37.3 with 3 respondents (under 5: hidden), Team A2 61.7 with 8.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
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
  s = await startServer("auth_privacy", { APP_TODAY: TODAY });
  org = await buildOrg(s.db.db);
  const db = s.db.db;
  await db.execute(sql`insert into employees (id, display_name) values ('EA1', 'Anna Asen'), ('EA2', 'Arne Avlund')`);
  await db.execute(sql`insert into employments (employee_id, unit_id, role, is_manager, fte, start_date, end_date, end_reason) values
    ('EA1', ${org.unit.TA1}, 'caseworker', false, 1, '2023-01-01', null, null),
    ('EA2', ${org.unit.TA1}, 'caseworker', false, 1, '2023-01-01', '2024-05-31', 'resignation')`);
  await db.execute(sql`insert into case_periods (case_id, period_start, period_end, unit_id, caseworker_id, case_type, complexity) values
    ('A-1', '2024-01-01', null, ${org.unit.TA1}, 'EA1', 'underretning', 1),
    ('A-2', '2024-01-01', null, ${org.unit.TA1}, 'EA1', 'anbringelse', 3)`);
  await db.execute(sql`insert into survey_rounds (key, closed_on) values ('2024-foraar', '2024-04-30')`);
  await db.execute(sql`insert into survey_results values
    ('2024-foraar', ${org.unit.TA1}, 'trivsel', 37.3, 3, 4), ('2024-foraar', ${org.unit.TA2}, 'trivsel', 61.7, 8, 10)`);
  const requestId = await createRecomputeRequest(db, "test", { from: "2024-01-01", to: TODAY });
  await processRecomputeRequest(db, requestId, TODAY);

  const people = {
    manager: { role: "manager", unitId: org.unit.CA },
    med: { role: "med", committeeId: org.committee.MED_A },
    director: { role: "director" },
    hr: { role: "hr" },
    admin: { role: "admin" },
  } as const;
  for (const [name, grant] of Object.entries(people)) {
    await createUser(db, { email: `${name}@k.dk`, displayName: `Bruger ${name}`, password: PASSWORD, language: "da", roles: [grant] });
    cookies[name] = await login(s.base, `${name}@k.dk`, PASSWORD, `10.20.0.${Object.keys(cookies).length + 1}`);
  }
});

afterAll(async () => {
  await s?.close();
});

async function page(who: string, url: string): Promise<string> {
  const response = await fetch(`${s.base}${url}`, { headers: { Cookie: cookies[who] } });
  expect(response.status, `${who} GET ${url}`).toBe(200);
  return response.text();
}

describe("caseworker names on the team page", () => {
  it("are shown to the team's own manager", async () => {
    expect(await page("manager", `/team?unit=${org.unit.TA1}`)).toContain("Anna Asen");
  });

  it.each(["med", "director", "admin"])("are never shown to %s, who still sees the team", async (who) => {
    const html = await page(who, `/team?unit=${org.unit.TA1}`);
    expect(html).toContain("Team A1");
    expect(html).not.toContain("Anna Asen");
    expect(html).not.toContain("Arne Avlund");
  });
});

describe("the team page's path to the organisation", () => {
  // Team A1 sits under Klynge A under Kommunen. The cluster's manager may open Klynge A on the
  // organisation page but not Kommunen; a link there would answer 403, so it is plain text.
  const crumbs = (html: string) => /<ol class="breadcrumb">(.*?)<\/ol>/s.exec(html)?.[1] ?? "";

  it("links only the units the user may open", async () => {
    const path = crumbs(await page("manager", `/team?unit=${org.unit.TA1}`));
    expect(path).toContain(`href="/organisation?unit=${org.unit.CA}"`);
    expect(path).toContain("Kommunen");
    expect(path).not.toContain(`href="/organisation?unit=${org.unit.ORG}"`);
    const response = await fetch(`${s.base}/organisation?unit=${org.unit.ORG}`, { headers: { Cookie: cookies.manager }, redirect: "manual" });
    expect(response.status).toBe(403);
  });

  it("links every unit above the team for the director", async () => {
    const path = crumbs(await page("director", `/team?unit=${org.unit.TA1}`));
    expect(path).toContain(`href="/organisation?unit=${org.unit.ORG}"`);
    expect(path).toContain(`href="/organisation?unit=${org.unit.CA}"`);
  });
});

describe("names of leavers", () => {
  const url = () => `/turnover/departures?unit=${org.unit.TA1}&from=2024-01-01&to=2024-12-31`;

  it("are shown to the leaver's own manager", async () => {
    expect(await page("manager", url())).toContain("Arne Avlund");
  });

  // DATA-CONTRACT.md: display_name is "shown only to the person's own managers"; HR sees teams.
  it.each(["hr", "med", "director", "admin"])("are never shown to %s", async (who) => {
    expect(await page(who, url())).not.toContain("Arne Avlund");
  });
});

describe("survey scores", () => {
  // The organisation's figure pools both teams: (37.3·3 + 61.7·8) / 11 = 605.5 / 11 = 55.05 → "55,0"
  // is on the page (the page does show scores); Team A1's own 37.3 from 3 answers never is, and
  // Team A2's 61.7 is withheld too, since with the pooled figure it would give Team A1's away.
  // The page embeds its loader data, so "37.3" in it would be a leak through the JSON as well.
  it("of a group under 5 are shown to nobody, not even by subtraction, in the page or its data", async () => {
    for (const who of ["manager", "med", "director", "admin"]) {
      const html = await page(who, `/wellbeing?unit=${org.unit.TA1}`);
      expect(html, who).toContain("55,0");
      for (const leak of ["37,3", "37.3"]) expect(html, who).not.toContain(leak);
      for (const leak of ["61,7", "61.7"]) expect(await page(who, `/wellbeing?unit=${org.unit.TA2}`), who).not.toContain(leak);
      const data = await fetch(`${s.base}/wellbeing.data?unit=${org.unit.TA1}`, { headers: { Cookie: cookies[who] } });
      expect(data.status).toBe(200);
      expect(await data.text(), who).not.toContain("37.3");
    }
  });
});

describe("the data endpoints (single fetch) of the team page", () => {
  it.each(["med", "director", "admin"])("carry no caseworker names for %s", async (who) => {
    const data = await fetch(`${s.base}/team.data?unit=${org.unit.TA1}`, { headers: { Cookie: cookies[who] } });
    expect(data.status).toBe(200);
    const body = await data.text();
    expect(body).toContain("Team A1");
    expect(body).not.toContain("Anna Asen");
  });
});

describe("the plans pages' unit pickers", () => {
  /** The unit select's markup only (the committee select's option values are ids too). */
  const unitSelect = (html: string, name: string) => new RegExp(`<select name="${name}"[\\s\\S]*?</select>`).exec(html)?.[0] ?? "";
  const offered = (select: string, unitId: number) => select.includes(`<option value="${unitId}">`);

  it("offer a manager the units of their own subtree and nothing beside it", async () => {
    for (const [url, name] of [["/plans/new", "unitId"], ["/plans", "unit"]]) {
      const html = unitSelect(await page("manager", url), name);
      expect(offered(html, org.unit.CA), url).toBe(true);
      expect(offered(html, org.unit.TA1), url).toBe(true);
      expect(offered(html, org.unit.CB), url).toBe(false);
      expect(offered(html, org.unit.TB1), url).toBe(false);
      expect(offered(html, org.unit.ORG), url).toBe(false);
    }
  });

  it("offer the administrator the whole organisation in tree order", async () => {
    const html = unitSelect(await page("admin", "/plans/new"), "unitId");
    const order = [org.unit.ORG, org.unit.CA, org.unit.TA1, org.unit.TA2, org.unit.CB, org.unit.TB1]
      .map((id) => html.indexOf(`<option value="${id}">`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
