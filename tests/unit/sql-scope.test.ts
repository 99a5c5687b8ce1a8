// The one SQL form of a unit scope (db/sql-scope.ts) every presenter filters by.
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { inUnitScope } from "../../db/sql-scope";

const render = (scope: Set<number> | "all") => new PgDialect().sqlToQuery(inUnitScope(sql`u.id`, scope));

describe("inUnitScope", () => {
  it("matches every unit for the whole organisation, none for an empty scope", () => {
    expect(render("all")).toEqual({ sql: "true", params: [] });
    expect(render(new Set())).toEqual({ sql: "false", params: [] });
  });

  it("binds the ids as one int array on the given column", () => {
    expect(render(new Set([7, 3]))).toMatchObject({ sql: "u.id = any($1::int[])", params: ["{7,3}"] });
  });
});
