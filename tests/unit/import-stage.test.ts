import { describe, expect, it } from "vitest";
import { columnNames, copyValue } from "../../import/stage";

describe("COPY text values", () => {
  it("writes null as \\N and numbers and booleans as Postgres reads them", () => {
    expect(copyValue(null)).toBe("\\N");
    expect(copyValue(undefined)).toBe("\\N");
    expect(copyValue(3)).toBe("3");
    expect(copyValue(0.8)).toBe("0.8");
    expect(copyValue(true)).toBe("t");
    expect(copyValue(false)).toBe("f");
  });

  it("escapes backslash, tab, newline and carriage return and leaves everything else as it is", () => {
    expect(copyValue("Team Øst; \"A\" — 'b'")).toBe("Team Øst; \"A\" — 'b'");
    expect(copyValue("a\\b\tc\nd\re")).toBe("a\\\\b\\tc\\nd\\re");
    // An empty string is a value, not null.
    expect(copyValue("")).toBe("");
    expect(copyValue("\\N")).toBe("\\\\N");
  });
});

describe("stage columns", () => {
  it("are read from the kind's column definitions in order", () => {
    expect(columnNames("row_no int, case_id text,period_start date, complexity smallint")).toEqual(["row_no", "case_id", "period_start", "complexity"]);
  });
});
