// The action plans' "time to deadline": days while the plan waits for its report back to AT,
// and once that is sent, the day it was sent instead of a bare dash.
import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { DeadlineText } from "../../app/lib/plans-ui";

const text = (html: string) => html.replace(/<[^>]+>/g, "");

describe("time to deadline", () => {
  it("says when the report back was sent, in Danish and English", () => {
    expect(text(renderToStaticMarkup(<DeadlineText days={null} reportedBackOn="2026-03-12" lang="da" />))).toBe("Tilbagemelding sendt 12.3.2026");
    expect(text(renderToStaticMarkup(<DeadlineText days={null} reportedBackOn="2026-03-12" lang="en" />))).toBe("Report back sent 12 Mar 2026");
  });

  it("counts the days left, due today and overdue while no report back is sent", () => {
    expect(text(renderToStaticMarkup(<DeadlineText days={20} reportedBackOn={null} lang="da" />))).toBe("20 dage tilbage");
    expect(text(renderToStaticMarkup(<DeadlineText days={0} reportedBackOn={null} lang="en" />))).toBe("Due today");
    const late = renderToStaticMarkup(<DeadlineText days={-3} reportedBackOn={null} lang="da" />);
    expect(text(late)).toBe("Overskredet med 3 dage");
    expect(late).toContain("plan-late");
  });

  it("shows a dash when there is no deadline to count to", () => {
    expect(text(renderToStaticMarkup(<DeadlineText days={null} reportedBackOn={null} lang="da" />))).toBe("–");
  });
});
