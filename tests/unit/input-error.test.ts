// The one refusal every db/commands/ write throws (db/commands/input-error.ts): field errors keep
// the messages PlanInputError and UserAdminError had, a whole refusal the one SignoffRefused had.
import { describe, expect, it } from "vitest";
import { InputError, INVALID_FIELDS } from "../../db/commands/input-error";

describe("InputError", () => {
  it("carries a code per field and words them field by field", () => {
    const error = new InputError({ dueDate: "invalid_date", title: "required" });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("InputError");
    expect(error.code).toBe(INVALID_FIELDS);
    expect(error.fieldErrors).toEqual({ dueDate: "invalid_date", title: "required" });
    expect(error.message).toBe("dueDate: invalid_date; title: required");
  });

  it("refuses a whole change by its key, with no fields", () => {
    const error = InputError.refusal("stale_version", "sign-off refused: stale_version");
    expect(error).toBeInstanceOf(InputError);
    expect(error.code).toBe("stale_version");
    expect(error.fieldErrors).toEqual({});
    expect(error.message).toBe("sign-off refused: stale_version");
  });
});
