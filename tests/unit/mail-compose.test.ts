import { describe, expect, it } from "vitest";
import { composeMail, escapeHtml, type ManagerDigest, type MedDigest, type ReminderMail } from "../../jobs/mail/compose";
import { unsubscribeToken, unsubscribeUrl, verifyUnsubscribeToken } from "../../jobs/mail/unsubscribe-token";
import { retryDelayMs } from "../../jobs/mail/deliver";
import { nextMeetingDate } from "../../jobs/mail/collect";
import { apvRevisionPeriod, meetingPeriod, weekPeriod } from "../../jobs/mail/kinds";
import { apvRevisionStage } from "../../domain/apv";
import type { ApvRevisionMail } from "../../jobs/mail/compose";

const links = { appUrl: "https://belastning.kommune.dk/", unsubscribeUrl: "https://belastning.kommune.dk/unsubscribe?u=1&k=x&t=y" };
const anne = { userId: 1, displayName: "Anne Leder", lang: "da" as const };

describe("reminder mails", () => {
  const model: ReminderMail = {
    kind: "overdue",
    items: [{ itemId: 5, title: "Rollebeskrivelser", planId: 2, planTitle: "Påbud <uklare krav>", dueDate: "2025-06-01", daysLate: 1 }],
  };

  it("say in Danish what is late, by how much, with a link to the item", () => {
    const mail = composeMail(model, anne, links);
    expect(mail.subject).toBe("1 indsats er over fristen");
    expect(mail.text).toContain("- Rollebeskrivelser i handleplanen »Påbud <uklare krav>«: frist 1.6.2025, 1 dag over\n  https://belastning.kommune.dk/plans/2#item-5");
    expect(mail.text).toContain("Åbn handleplanerne: https://belastning.kommune.dk/plans/2");
  });

  it("escape titles in the HTML part and carry the unsubscribe link in both parts", () => {
    const mail = composeMail(model, anne, links);
    expect(mail.html).toContain("Påbud &lt;uklare krav&gt;");
    expect(mail.html).not.toContain("<uklare");
    expect(mail.html).toContain(`href="${escapeHtml(links.unsubscribeUrl)}"`);
    expect(mail.text).toContain(`Afmeld »Påmindelse: indsatser over fristen«: ${links.unsubscribeUrl}`);
    expect(mail.html).toMatch(/^<!doctype html><html lang="da">/);
  });

  it("speak English to a user who chose it", () => {
    const mail = composeMail({ ...model, kind: "due_soon", items: [{ ...model.items[0], daysLate: -3 }] }, { ...anne, lang: "en" }, links);
    expect(mail.subject).toBe("1 action item is due within 7 days");
    expect(mail.text).toContain("due 1 Jun 2025 (in 3 days)");
  });
});

describe("digests", () => {
  const digest: ManagerDigest = {
    kind: "manager_digest", weekMonday: "2025-06-09", weekLabel: "2025-W24", quietTeams: 2,
    teams: [{
      unitId: 4, name: "Team Hasle", status: "amber", casesPerFte: 27.25, weightedLoadPerFte: 30, emotionalSharePct: 41.6, weeksOverOfLast6: 2,
      over: [{ figure: "emotionalShare", value: 41.6, limit: 40 }], itemsDue: [], newSignals: ["unclear_demands"],
    }],
  };

  it("report the week, the status in words, what went over and new risk signals", () => {
    const mail = composeMail(digest, anne, links);
    expect(mail.subject).toBe("Mandagsoversigt, uge 24, 2025");
    expect(mail.text).toContain("- Gul: over en grænse i 2 af de seneste 6 uger");
    expect(mail.text).toContain("27,3 sager pr. årsværk · vægtet belastning 30,0 · 41,6 % med følelsesmæssige krav");
    expect(mail.text).toContain("Over grænsen: andel sager med følelsesmæssige krav (%): 41,6 (grænse 40)");
    expect(mail.text).toContain("Nye risikosignaler: Uklare og modstridende krav");
    expect(mail.text).toContain("2 andre teams er grønne uden indsatser med frist.");
  });

  it("tell MED members the meeting date, the AT deadline and late items", () => {
    const med: MedDigest = {
      kind: "med_digest", committeeId: 3, committeeName: "MED Familiecentret", meetingDate: "2025-06-19",
      plans: [{ id: 2, title: "Påbud", unitName: "Klynge Vest", deadline: "2025-09-01", daysToDeadline: 77, done: 1, total: 4, changesSinceReview: 3,
        overdue: [{ title: "Rollebeskrivelser", ownerLabel: null, daysLate: 15 }], dueSoon: [] }],
    };
    const mail = composeMail(med, anne, links);
    expect(mail.subject).toBe("MED Familiecentret: møde 19.6.2025");
    expect(mail.text).toContain("AT-frist 1.9.2025 (om 77 dage)");
    expect(mail.text).toContain("3 ændringer siden seneste gennemgang");
    expect(mail.text).toContain("Over fristen: »Rollebeskrivelser« (ingen ansvarlig, 15 dage)");
    expect(mail.text).toContain("https://belastning.kommune.dk/plans/meeting?committee=3");
  });

  it("find the meeting in the week ahead from the plans' next review dates", () => {
    expect(nextMeetingDate(["2025-06-30", null, "2025-06-19", "2025-06-10"], "2025-06-16")).toBe("2025-06-19");
    expect(nextMeetingDate(["2025-06-24"], "2025-06-16")).toBeNull();
    expect(nextMeetingDate(["2025-06-23"], "2025-06-16")).toBe("2025-06-23");
  });

  it("key each mail by its period", () => {
    expect(weekPeriod("2025-06-09")).toBe("2025-W24");
    expect(meetingPeriod(3, "2025-06-19")).toBe("committee-3-2025-06-19");
  });
});

describe("unsubscribe links", () => {
  it("verify for their own user and kind only, with any of the rotated secrets", () => {
    const token = unsubscribeToken(7, "manager_digest", ["new", "old"]);
    expect(verifyUnsubscribeToken(7, "manager_digest", token, ["new", "old"])).toBe(true);
    expect(verifyUnsubscribeToken(8, "manager_digest", token, ["new", "old"])).toBe(false);
    expect(verifyUnsubscribeToken(7, "med_digest", token, ["new", "old"])).toBe(false);
    expect(verifyUnsubscribeToken(7, "manager_digest", unsubscribeToken(7, "manager_digest", ["old"]), ["new", "old"])).toBe(true);
    expect(verifyUnsubscribeToken(7, "manager_digest", token, ["other"])).toBe(false);
    expect(verifyUnsubscribeToken(7, "manager_digest", "short", ["new"])).toBe(false);
  });

  it("point at /unsubscribe with the user, kind and token", () => {
    const url = new URL(unsubscribeUrl("https://x.dk/", 7, "overdue", ["s"]));
    expect(`${url.origin}${url.pathname}`).toBe("https://x.dk/unsubscribe");
    expect(Object.fromEntries(url.searchParams)).toEqual({ u: "7", k: "overdue", t: unsubscribeToken(7, "overdue", ["s"]) });
  });
});

describe("delivery retries", () => {
  it("wait 1, 2, 4 and 8 minutes after the failed attempts", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
  });
});

describe("APV revision reminders", () => {
  const model: ApvRevisionMail = {
    kind: "apv_revision", stage: "d30", roundId: 9, unitName: "Team <Hasle>", roundDate: "2022-08-01", revisionDue: "2025-08-01", daysLeft: 1,
  };

  it("are at a stage 90 and 30 days before the revision and once it is past, each mailed once per round", () => {
    expect([120, 91, 90, 31, 30, 1, 0, -1, -400].map(apvRevisionStage)).toEqual([null, null, "d90", "d90", "d30", "d30", "d30", "overdue", "overdue"]);
    expect(apvRevisionPeriod(9, "d30")).toBe("apv-9-d30");
  });

  it("say the unit, the round, the revision date and link to the round, the same in text and HTML", () => {
    const mail = composeMail(model, anne, links);
    expect(mail.subject).toBe("APV for Team <Hasle>: skal revideres senest 1.8.2025");
    expect(mail.text).toContain("Fristen for revisionen er 1.8.2025, om 1 dag.");
    expect(mail.text).toContain("- Team <Hasle> · runde 1.8.2022, revideres senest 1.8.2025\n  https://belastning.kommune.dk/apv/9");
    expect(mail.html).toContain("<strong>Team &lt;Hasle&gt;</strong> · runde 1.8.2022, revideres senest 1.8.2025");
    expect(mail.html).not.toContain("<Hasle>");
    expect(mail.text).toContain(`Afmeld »Påmindelse: APV'en skal revideres (mindst hvert 3. år)«: ${links.unsubscribeUrl}`);
    expect(composeMail({ ...model, daysLeft: 0 }, anne, links).text).toContain("Fristen for revisionen er i dag, 1.8.2025.");
    const late = composeMail({ ...model, stage: "overdue", daysLeft: -1 }, { ...anne, lang: "en" }, links);
    expect(late.subject).toBe("APV for Team <Hasle>: the revision is overdue (due 1 Aug 2025)");
    expect(late.text).toContain("The revision was due on 1 Aug 2025: it is 1 day overdue.");
  });
});
