// APV dates (BEK 1838/2023 § 2): revised at least every third year.
import { describe, expect, it } from "vitest";
import { apvProblemOverdue, apvRevisionDueDate, daysToApvRevision } from "../../domain/apv";

describe("APV revision date", () => {
  it("is the same day three years later, 29 February becoming 28 February", () => {
    expect(apvRevisionDueDate("2022-09-01")).toBe("2025-09-01");
    expect(apvRevisionDueDate("2024-02-29")).toBe("2027-02-28");
    expect(apvRevisionDueDate("2021-02-28")).toBe("2024-02-28");
  });

  it("counts the days left, negative once overdue", () => {
    expect(daysToApvRevision("2022-09-01", "2025-06-16")).toBe(77);
    expect(daysToApvRevision("2022-06-16", "2025-06-16")).toBe(0);
    expect(daysToApvRevision("2022-06-01", "2025-06-16")).toBe(-15);
  });

  it("calls an open problem past its deadline overdue, a followed-up one never", () => {
    expect(apvProblemOverdue({ deadline: "2025-06-15", followUpOn: null }, "2025-06-16")).toBe(true);
    expect(apvProblemOverdue({ deadline: "2025-06-16", followUpOn: null }, "2025-06-16")).toBe(false);
    expect(apvProblemOverdue({ deadline: "2025-01-01", followUpOn: "2025-06-01" }, "2025-06-16")).toBe(false);
  });
});
