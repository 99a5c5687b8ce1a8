// The session user and grants are read once per request: the root loader and the page's loader
// share them through the request's load context (server.ts getLoadContext), never across requests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { sql } from "drizzle-orm";
import type { AppLoadContext } from "@remix-run/node";
import * as schema from "../../db/schema";
import { setConnection, type Database } from "../../db/client";
import { createUser } from "../../db/commands/users";
import { startSession } from "../../db/infra/sessions";
import { getOptionalPrincipal } from "../../app/lib/guard.server";
import { scopeOf } from "../../domain/access";
import { sessionStorage } from "../../app/lib/session.server";
import { loader as rootLoader } from "../../app/root";
import { loader as teamLoader } from "../../app/routes/team";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { buildOrg, type OrgFixture } from "./auth-fixtures";

let t: TestDatabase;
let org: OrgFixture;
let counted: { db: Database; client: postgres.Sql };
/** Statements sent by `counted.db`, in order. */
const statements: string[] = [];
let cookie: string;
let managerId: number;

beforeAll(async () => {
  t = await createTestDatabase("gmemo");
  org = await buildOrg(t.db);
  ({ id: managerId } = await createUser(t.db, {
    email: "leder.a@k.dk", displayName: "Leder A", language: "da", roles: [{ role: "manager", unitId: org.unit.CA }],
  }));
  const session = await sessionStorage().getSession();
  session.set("sid", await startSession(t.db, managerId));
  cookie = (await sessionStorage().commitSession(session)).split(";")[0];
  const client = postgres(t.url, { max: 2, onnotice: () => {}, debug: (_connection, query) => statements.push(query) });
  counted = { db: drizzle(client, { schema }), client };
  setConnection({ db: counted.db, kind: "postgres", close: () => client.end() });
});

afterAll(async () => {
  await counted?.client.end();
  await t?.drop();
});

function args(path: string, context: AppLoadContext) {
  return { request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }), context, params: {} };
}

/** Statements that read the session user or the user's grants. */
function principalReads(): number {
  return statements.filter((s) => /from "users"/.test(s) || /from "user_roles"/.test(s)).length;
}

describe("principal memo", () => {
  it("lets the root loader and the team loader of one request read the user and grants once", async () => {
    statements.length = 0;
    const context: AppLoadContext = { requestMemo: {} };
    const path = `/team?unit=${org.unit.TA1}`;
    const [root, team] = await Promise.all([rootLoader(args(path, context)), teamLoader(args(path, context))]);
    expect(root.user?.displayName).toBe("Leder A");
    expect(team.page?.unit.id).toBe(org.unit.TA1);
    expect(principalReads()).toBe(2); // users, user_roles
  });

  it("reads them again for the next request", async () => {
    statements.length = 0;
    const path = `/team?unit=${org.unit.TA1}`;
    await rootLoader(args(path, { requestMemo: {} }));
    await teamLoader(args(path, { requestMemo: {} }));
    expect(principalReads()).toBe(4);
  });

  it("never carries a principal into another request: a grant removed is gone on the next one", async () => {
    const memo = {};
    const first = await getOptionalPrincipal(args("/team", { requestMemo: memo }), counted.db);
    expect(scopeOf(first!, "view_load")).toContain(org.unit.TA1);
    await t.db.execute(sql`delete from user_roles where user_id = ${managerId}`);
    expect(await getOptionalPrincipal(args("/team", { requestMemo: memo }), counted.db)).toBe(first);
    const next = await getOptionalPrincipal(args("/team", { requestMemo: {} }), counted.db);
    expect(scopeOf(next!, "view_load")).toEqual(new Set());
  });

  it("reads every time when the loader hands over only its Request or no memo", async () => {
    statements.length = 0;
    const { request } = args("/team", {});
    await getOptionalPrincipal(request, counted.db);
    await getOptionalPrincipal(request, counted.db);
    await getOptionalPrincipal({ request, context: {} }, counted.db);
    expect(principalReads()).toBe(6);
  });

  it("answers null for a request without a session", async () => {
    const request = new Request("http://localhost/team");
    expect(await getOptionalPrincipal({ request, context: { requestMemo: {} } }, counted.db)).toBeNull();
  });
});
