// The calendar rules written twice by necessity (TypeScript for one value, SQL for every row) agree:
// every Monday of three years, in the embedded database (the same SQL runs on Postgres).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { connectPglite, queryRows, type DatabaseConnection } from "../../db/client";
import { turnoverMonthOfWeekSql } from "../../db/sql-calendar";
import { addDays, turnoverMonthOfWeek } from "../../domain/calendar";

let lite: DatabaseConnection;
beforeAll(() => { lite = connectPglite(undefined); });
afterAll(async () => { await lite.close(); });

describe("turnoverMonthOfWeekSql", () => {
  it("gives the month turnoverMonthOfWeek gives, for every week of 2024–2026", async () => {
    const mondays: string[] = [];
    for (let d = "2024-01-01"; d < "2027-01-01"; d = addDays(d, 7)) mondays.push(d);
    const rows = await queryRows<{ week: string; month: string }>(lite.db, sql`
      select w::date::text as week, ${turnoverMonthOfWeekSql(sql`w`)}::text as month
      from generate_series(${mondays[0]}::date, ${mondays[mondays.length - 1]}::date, interval '7 days') w order by w`);
    expect(rows.map((r) => r.week)).toEqual(mondays);
    expect(rows.map((r) => r.month)).toEqual(mondays.map(turnoverMonthOfWeek));
    // The week whose Sunday closes a month reads that month: Mon 2024-03-25 → Sun 2024-03-31 → March.
    expect(turnoverMonthOfWeek("2024-03-25")).toBe("2024-03-01");
    expect(turnoverMonthOfWeek("2024-03-18")).toBe("2024-02-01");
  });
});
