// Every route declares itself here, and the running server proves for each one that an anonymous
// visitor is sent to the login page and a signed-in user without a grant in scope gets 403.
// A route file in app/routes without an entry in ROUTES fails this test: new routes must say who
// may use them. docs/routes.md is the readable form of this table and must name every route too.
//
// Fixture (auth-fixtures.ts): ORG → Klynge A (Team A1, Team A2) and Klynge B (Team B1). Probes
// point at cluster B's things (Team B1, a plan of Team B1, the MED committee of Team B1), and:
//   - "anonymous" must get 302 → /login?redirectTo=…;
//   - "nobody" (signed in, no grants) must get 403 everywhere except routes every user has;
//   - "managerA" (manager of Klynge A) must get 403 on every probe that names something of
//     cluster B, and on list pages must see nothing of cluster B (no B unit, plan or person name).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { createUser } from "../../db/commands/users";
import { buildOrg, type OrgFixture } from "./auth-fixtures";
import { login, startServer, type RunningServer } from "../helpers/auth-server";

interface Fixture extends OrgFixture {
  planB: number;
  managerB: number;
  apvB: number;
  fileB: number;
}

interface RouteCase {
  /** Who may use it, for docs/routes.md. */
  roles: string;
  /** Why no sign-in is needed (login, logout, language); such routes are not probed for denial. */
  public?: string;
  /** Why every signed-in user may use it (only their own data): "nobody" gets a page, not 403. */
  anySignedIn?: string;
  /** The URL of the loader probe. */
  get?: (fx: Fixture) => string;
  /** The action probe: every route with an action must have one. */
  post?: (fx: Fixture) => { url: string; fields: Record<string, string> };
  /** What managerA gets: 403 ("forbidden"), or a page without any of cluster B ("filtered"). */
  outsider?: "forbidden" | "filtered";
}

// ──────────────────────────── THE ROUTE TABLE (one entry per file in app/routes) ────────────────────────────
const ROUTES: Record<string, RouteCase> = {
  "_index.tsx": { roles: "every role (redirects to the role's start page)", get: () => "/", outsider: "filtered" },
  "login.tsx": { roles: "everyone", public: "the login form" },
  "logout.tsx": { roles: "everyone", public: "ends the session" },
  "language.tsx": { roles: "everyone", public: "sets the language cookie" },
  "auth.oidc.login.tsx": { roles: "everyone", public: "starts the OpenID Connect login" },
  "auth.oidc.callback.tsx": { roles: "everyone", public: "the OpenID Connect provider's answer (state, nonce, PKCE checked)" },
  "auth.saml.login.tsx": { roles: "everyone", public: "starts the SAML login" },
  "auth.saml.acs.tsx": { roles: "everyone", public: "the SAML assertion consumer service (signed assertions only)" },
  "auth.saml.metadata.tsx": { roles: "everyone", public: "the SAML service provider metadata" },
  "auth.refused.tsx": { roles: "everyone", public: "explains a refused single sign-on login" },
  "admin.sso.tsx": {
    roles: "admin", get: () => "/admin/sso", outsider: "forbidden",
    post: () => ({ url: "/admin/sso", fields: { intent: "add", claimValue: "x", role: "admin" } }),
  },
  "notifications.tsx": {
    roles: "every signed-in user (own notifications)", anySignedIn: "lists and marks only the user's own notifications",
    get: () => "/notifications", post: () => ({ url: "/notifications", fields: { intent: "read", id: "all" } }), outsider: "filtered",
  },
  "admin.users._index.tsx": {
    roles: "admin", get: () => "/admin/users", outsider: "forbidden",
    post: () => ({ url: "/admin/users?index", fields: { email: "ny@k.dk", displayName: "Ny", role: "admin" } }),
  },
  "admin.users.$id.tsx": {
    roles: "admin", get: (fx) => `/admin/users/${fx.managerB}`, outsider: "forbidden",
    post: (fx) => ({ url: `/admin/users/${fx.managerB}`, fields: { intent: "deactivate" } }),
  },
  "admin.audit.tsx": { roles: "admin", get: (fx) => `/admin/audit?unitId=${fx.unit.TB1}`, outsider: "forbidden" },
  "admin.privacy.tsx": {
    roles: "admin", get: () => "/admin/privacy?employeeId=EB1", outsider: "forbidden",
    post: () => ({ url: "/admin/privacy", fields: { intent: "erase", employeeId: "EB1", reason: "Anmodning om sletning", confirm: "on" } }),
  },
  "admin.privacy.export.tsx": { roles: "admin", get: () => "/admin/privacy/export?employeeId=EB1", outsider: "forbidden" },
  "admin.name-reads.tsx": { roles: "admin", get: () => "/admin/name-reads", outsider: "forbidden" },
  "tilgaengelighed.tsx": { roles: "everyone", public: "the accessibility statement, readable before signing in" },
  "admin.jobs.tsx": {
    roles: "admin (run now: run_jobs)", get: () => "/admin/jobs", outsider: "forbidden",
    post: () => ({ url: "/admin/jobs", fields: { intent: "run", job: "notifications" } }),
  },
  "admin.audit_.export.tsx": { roles: "admin", get: () => "/admin/audit/export?format=csv", outsider: "forbidden" },
  "admin.mail.tsx": {
    roles: "admin (the outbox; requeue: run_jobs)", get: () => "/admin/mail", outsider: "forbidden",
    post: () => ({ url: "/admin/mail", fields: { intent: "requeue", id: "1" } }),
  },
  "unsubscribe.tsx": { roles: "everyone with a signed link", public: "the mail's signed link names the user and kind; no sign-in" },
  "admin.settings.tsx": {
    roles: "admin", get: (fx) => `/admin/settings?unit=${fx.unit.TB1}`, outsider: "forbidden",
    post: (fx) => ({ url: "/admin/settings", fields: { intent: "thresholds", unitId: String(fx.unit.TB1), casesPerFte: "12" } }),
  },
  "team.tsx": { roles: "manager, MED, director, admin (in scope; names only for managers)", get: (fx) => `/team?unit=${fx.unit.TB1}`, outsider: "forbidden" },
  "organisation.tsx": { roles: "manager, MED, director, admin (in scope)", get: (fx) => `/organisation?unit=${fx.unit.TB1}`, outsider: "forbidden" },
  "wellbeing.tsx": { roles: "manager, MED, director, admin (in scope; groups ≥ 5)", get: (fx) => `/wellbeing?unit=${fx.unit.TB1}`, outsider: "forbidden" },
  "downloads.$table.tsx": {
    roles: "as the page of the table: teams, heatmap, load (view_load), plans (view_plans), departures (view_turnover)",
    get: (fx) => `/downloads/load?unit=${fx.unit.TB1}&format=csv`, outsider: "forbidden",
  },
  "teams.tsx": { roles: "manager, MED, director, admin (teams in scope)", get: (fx) => `/teams?within=${fx.unit.TB1}`, outsider: "forbidden" },
  "risk.tsx": { roles: "manager, MED, director, admin (teams in scope)", get: () => "/risk", outsider: "filtered" },
  "rollout.tsx": { roles: "manager, MED, director, admin (units in scope)", get: () => "/rollout", outsider: "filtered" },
  "plans._index.tsx": { roles: "manager, MED, director, admin (plans in scope; item owners their plans)", get: (fx) => `/plans?unit=${fx.unit.TB1}`, outsider: "filtered" },
  "plans.$id.tsx": {
    roles: "view: manager, MED, director, admin in scope, item owners; edit: manager, MED; review: MED",
    get: (fx) => `/plans/${fx.planB}`, outsider: "forbidden",
    post: (fx) => ({ url: `/plans/${fx.planB}`, fields: { intent: "add_focus_point", title: "Indbrud" } }),
  },
  "plans.$id_.report.tsx": {
    roles: "as the plan; sign: manager (management) or MED (safety representative) of the plan's unit", get: (fx) => `/plans/${fx.planB}/report`, outsider: "forbidden",
    post: (fx) => ({ url: `/plans/${fx.planB}/report`, fields: { kind: "management", version: "0".repeat(64) } }),
  },
  "plans.$id_.report[.]html.tsx": { roles: "as the plan", get: (fx) => `/plans/${fx.planB}/report.html`, outsider: "forbidden" },
  "plans.$id_.report[.]pdf.tsx": { roles: "as the plan", get: (fx) => `/plans/${fx.planB}/report.pdf`, outsider: "forbidden" },
  "plans.$id_.report[.]docx.tsx": { roles: "as the plan", get: (fx) => `/plans/${fx.planB}/report.docx`, outsider: "forbidden" },
  "plans.$id_.evidence.tsx": {
    roles: "items: editors of the plan and the item's owner; focus points: edit_plans (manager, MED)",
    get: (fx) => `/plans/${fx.planB}/evidence`, outsider: "forbidden",
    post: (fx) => ({ url: `/plans/${fx.planB}/evidence`, fields: { target: "fp:1" } }),
  },
  "plans.$id_.evidence_.$fileId.tsx": { roles: "as the plan", get: (fx) => `/plans/${fx.planB}/evidence/${fx.fileB}`, outsider: "forbidden" },
  "plans.meeting[.]pdf.tsx": { roles: "as /plans/meeting", get: (fx) => `/plans/meeting.pdf?committee=${fx.committee.MED_B}`, outsider: "forbidden" },
  "apv._index.tsx": {
    roles: "view: manager, MED, director, admin (rounds in scope); record a round: edit_plans on its unit", get: () => "/apv", outsider: "filtered",
    post: (fx) => ({ url: "/apv?index", fields: { unitId: String(fx.unit.TB1), title: "APV B", roundDate: "2025-01-01", method: "questionnaire", sicknessAbsenceNote: "x" } }),
  },
  "apv.$id.tsx": {
    roles: "view: view_plans on the round's unit; problems and follow-ups: edit_plans", get: (fx) => `/apv/${fx.apvB}`, outsider: "forbidden",
    post: (fx) => ({ url: `/apv/${fx.apvB}`, fields: { intent: "add_problem", problem: "p", measure: "m", responsible: "r", deadline: "2025-02-01" } }),
  },
  "plans.meeting.tsx": { roles: "MED, manager, director, admin (committees whose units they see)", get: (fx) => `/plans/meeting?committee=${fx.committee.MED_B}`, outsider: "forbidden" },
  "plans.new.tsx": {
    roles: "manager, MED, admin (edit_plans on the plan's unit)", get: (fx) => `/plans/new?unit=${fx.unit.TB1}`, outsider: "forbidden",
    post: (fx) => ({ url: "/plans/new", fields: { unitId: String(fx.unit.TB1), title: "Snig", sourceKind: "other" } }),
  },
  "imports.tsx": {
    roles: "admin, HR", get: () => "/imports", outsider: "forbidden",
    post: () => ({ url: "/imports", fields: { kind: "units" } }),
  },
  "imports_.mapping.tsx": {
    roles: "admin, HR", get: () => "/imports/mapping", outsider: "forbidden",
    post: () => ({ url: "/imports/mapping", fields: { token: "0".repeat(32), intent: "save" } }),
  },
  "admin.connections.tsx": {
    roles: "admin", get: () => "/admin/connections", outsider: "forbidden",
    post: () => ({ url: "/admin/connections", fields: { intent: "test", name: "os2mo" } }),
  },
  "turnover._index.tsx": { roles: "HR, director, admin (everywhere); manager, MED (in scope)", get: (fx) => `/turnover?unit=${fx.unit.TB1}`, outsider: "forbidden" },
  "turnover.departures.tsx": {
    roles: "HR, director, admin, manager, MED in scope (names only for the leaver's own managers)",
    get: (fx) => `/turnover/departures?unit=${fx.unit.TB1}&from=2024-01-01&to=2024-12-31`, outsider: "forbidden",
  },
  "wellbeing_.download.tsx": {
    roles: "manager, MED, director, admin (in scope; groups ≥ 5)", get: (fx) => `/wellbeing/download?unit=${fx.unit.TB1}&format=csv`, outsider: "forbidden",
  },
  "turnover.download.tsx": {
    roles: "HR, director, admin (everywhere); manager, MED (in scope)",
    get: (fx) => `/turnover/download?unit=${fx.unit.TB1}&from=2024-01-01&to=2024-12-31&format=csv`, outsider: "forbidden",
  },
};
// ─────────────────────────────────────────── END OF THE ROUTE TABLE ───────────────────────────────────────────

/** Names of cluster B's things that must never reach a manager of cluster A. */
const CLUSTER_B_MARKERS = ["Klynge B", "Team B1", "Plan for Team B1", "Bent Bsen"];
const PASSWORD = "korrekt-hest-batteri";
const routesDir = path.resolve("app/routes");
// A route's server half (x.server.ts) is not a route (remix.config.js ignores **/*.server.*).
const routeFiles = fs.readdirSync(routesDir).filter((f) => /\.(tsx|ts|jsx|js)$/.test(f) && !f.includes(".server.")).sort();

let s: RunningServer;
let fx: Fixture;
let nobody: string;
let managerA: string;

beforeAll(async () => {
  s = await startServer("route_guard");
  const org = await buildOrg(s.db.db);
  await s.db.db.execute(sql`update units set rollout_date = '2024-03-01' where code in ('TA1', 'TB1')`);
  await s.db.db.execute(sql`insert into employees (id, display_name) values ('EB1', 'Bent Bsen'), ('EA1', 'Anna Asen')`);
  await s.db.db.execute(sql`insert into employments (employee_id, unit_id, role, is_manager, fte, start_date)
    values ('EB1', ${org.unit.TB1}, 'caseworker', false, 1, '2023-01-01'), ('EA1', ${org.unit.TA1}, 'caseworker', false, 1, '2023-01-01')`);
  const [plan] = await queryRows<{ id: number }>(s.db.db, sql`insert into action_plans (unit_id, committee_id, title, source_kind)
    values (${org.unit.TB1}, ${org.committee.MED_B}, 'Plan for Team B1', 'other') returning id`);
  await createUser(s.db.db, { email: "nobody@k.dk", displayName: "Ingen Roller", password: PASSWORD, language: "da" });
  await createUser(s.db.db, { email: "leder.a@k.dk", displayName: "Leder A", password: PASSWORD, language: "da", roles: [{ role: "manager", unitId: org.unit.CA }] });
  const { id: managerB } = await createUser(s.db.db, { email: "leder.b@k.dk", displayName: "Leder B", language: "da", roles: [{ role: "manager", unitId: org.unit.CB }] });
  const [apv] = await queryRows<{ id: number }>(s.db.db, sql`insert into apv_rounds (unit_id, title, round_date, method, sickness_absence_note)
    values (${org.unit.TB1}, 'APV for Team B1', '2024-05-01', 'questionnaire', 'Sygefravær 5 %') returning id`);
  const [fp] = await queryRows<{ id: number }>(s.db.db, sql`insert into focus_points (plan_id, title) values (${plan.id}, 'Fokus B') returning id`);
  const [file] = await queryRows<{ id: number }>(s.db.db, sql`insert into evidence_files (plan_id, focus_point_id, file_name, kind, size_bytes, sha256, content)
    values (${plan.id}, ${fp.id}, 'bilag.pdf', 'pdf', 5, 'x', '%PDF-'::bytea) returning id`);
  fx = { ...org, planB: plan.id, managerB, apvB: apv.id, fileB: file.id };
  nobody = await login(s.base, "nobody@k.dk", PASSWORD);
  managerA = await login(s.base, "leder.a@k.dk", PASSWORD);
});

afterAll(async () => {
  await s?.close();
});

function request(method: "GET" | "POST", url: string, cookie?: string, fields: Record<string, string> = {}) {
  return fetch(`${s.base}${url}`, {
    method,
    redirect: "manual",
    headers: {
      ...(cookie ? { Cookie: cookie } : {}),
      ...(method === "POST" ? { Origin: s.base, "Content-Type": "application/x-www-form-urlencoded" } : {}),
    },
    body: method === "POST" ? new URLSearchParams(fields) : undefined,
  });
}

// A route exports its loader/action itself or re-exports them from its server half (x.server.ts).
const exportsName = (file: string, name: string) => new RegExp(`export\\s+(async\\s+function\\s+${name}|const\\s+${name})\\b|export\\s*\\{[^}]*\\b${name}\\b[^}]*\\}`)
  .test(fs.readFileSync(path.join(routesDir, file), "utf8"));
const hasAction = (file: string) => exportsName(file, "action");
const hasLoader = (file: string) => exportsName(file, "loader");

describe("the route table", () => {
  it("has an entry for every route file, and no entry without a file", () => {
    expect(routeFiles.filter((f) => !(f in ROUTES)), "route files without an entry in ROUTES").toEqual([]);
    expect(Object.keys(ROUTES).filter((f) => !routeFiles.includes(f)), "entries without a route file").toEqual([]);
  });

  it("probes the action of every route that has one, and the loader of every protected route", () => {
    for (const file of routeFiles) {
      const entry = ROUTES[file];
      if (!entry || entry.public) continue;
      expect(Boolean(entry.post), `${file}: action probe`).toBe(hasAction(file));
      expect(Boolean(entry.get), `${file}: loader probe`).toBe(hasLoader(file));
      expect(entry.outsider, `${file}: outsider expectation`).toBeDefined();
    }
  });

  it("is written out in docs/routes.md, which names every route file", () => {
    const doc = fs.readFileSync(path.resolve("docs/routes.md"), "utf8");
    for (const file of routeFiles) expect(doc, file).toContain(`\`${file}\``);
  });
});

const protectedRoutes = () => Object.entries(ROUTES).filter(([, r]) => !r.public);

describe("anonymous visitors are sent to the login page", () => {
  it.each(protectedRoutes().map(([file]) => file))("%s", async (file) => {
    const entry = ROUTES[file];
    const probes = [
      ...(entry.get ? [["GET", entry.get(fx), {}] as const] : []),
      ...(entry.post ? [["POST", entry.post(fx).url, entry.post(fx).fields] as const] : []),
    ];
    for (const [method, url, fields] of probes) {
      const response = await request(method, url, undefined, fields);
      expect(response.status, `${method} ${url}`).toBe(302);
      const location = response.headers.get("location") ?? "";
      expect(location, `${method} ${url}`).toMatch(/^\/login\?redirectTo=/);
      // Remix drops its own "?index" marker from request.url before the guard sees it.
      expect(decodeURIComponent(location.split("redirectTo=")[1])).toBe(url.replace(/\?index$/, ""));
    }
  });
});

describe("anonymous visitors with a malformed query are sent to the login page, not told 400", () => {
  it.each(["/team", "/organisation", "/wellbeing", "/turnover", "/turnover/departures", "/turnover/download"])("%s", async (page) => {
    const response = await request("GET", `${page}?unit=not-a-number&from=nonsense`);
    expect(response.status).toBe(302);
    expect(response.headers.get("location") ?? "").toMatch(/^\/login\?redirectTo=/);
  });
});

describe("a signed-in user without any grant gets 403", () => {
  it.each(protectedRoutes().filter(([, r]) => !r.anySignedIn).map(([file]) => file))("%s", async (file) => {
    const entry = ROUTES[file];
    if (entry.get) expect((await request("GET", entry.get(fx), nobody)).status, `GET ${entry.get(fx)}`).toBe(403);
    if (entry.post) {
      const { url, fields } = entry.post(fx);
      expect((await request("POST", url, nobody, fields)).status, `POST ${url}`).toBe(403);
    }
  });

  it.each(protectedRoutes().filter(([, r]) => r.anySignedIn).map(([file]) => file))("%s answers every signed-in user, with only their own data", async (file) => {
    const entry = ROUTES[file];
    const response = await request("GET", entry.get!(fx), nobody);
    expect(response.status).toBe(200);
  });
});

describe("a manager of cluster A reaches nothing of cluster B", () => {
  it.each(protectedRoutes().map(([file]) => file))("%s", async (file) => {
    const entry = ROUTES[file];
    if (entry.get) {
      const url = entry.get(fx);
      const response = await request("GET", url, managerA);
      if (entry.outsider === "forbidden") {
        expect(response.status, `GET ${url}`).toBe(403);
      } else {
        expect(response.status, `GET ${url}`).toBeLessThan(400);
        const body = await response.text();
        for (const marker of CLUSTER_B_MARKERS) expect(body, `GET ${url} shows "${marker}"`).not.toContain(marker);
      }
    }
    if (entry.post && entry.outsider === "forbidden") {
      const { url, fields } = entry.post(fx);
      expect((await request("POST", url, managerA, fields)).status, `POST ${url}`).toBe(403);
    }
  });

  it("and no write from those probes reached the database", async () => {
    const [counts] = await queryRows<{ plans: number; points: number; users: number }>(s.db.db, sql`select
      (select count(*)::int from action_plans) as plans, (select count(*)::int from focus_points) as points,
      (select count(*)::int from users where active) as users, (select count(*)::int from evidence_files) as files,
      (select count(*)::int from report_signoffs) as signoffs, (select count(*)::int from apv_rounds) as rounds,
      (select count(*)::int from apv_problems) as problems`);
    // The fixture's own: one plan with one focus point and one file, one APV round.
    expect(counts).toEqual({ plans: 1, points: 1, users: 3, files: 1, signoffs: 0, rounds: 1, problems: 0 });
  });
});
