// The APV revision reminder against a real SMTP server (smtp-server on 127.0.0.1) and Postgres:
// each unit's latest APV round nearing its three-year revision reaches the managers and MED members
// who can act on that unit (edit_plans), in Danish (or English), with the unit, the revision date
// and a link to the round; once per stage (90 days, 30 days, overdue); the unsubscribe respected.
//
// Organisation (auth-fixtures.ts): ORG → CA (TA1, TA2), CB (TB1); MED-A covers CA, MED-B covers TB1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../helpers/smtp";
import { buildOrg, type OrgFixture } from "./auth-fixtures";
import { createUser } from "../../db/commands/users";
import { queryRows } from "../../db/client";
import { createApvRound } from "../../db/commands/apv";
import { runMail } from "../../jobs/mail/job";
import { smtpTransport } from "../../jobs/mail/deliver";
import { setMailPreference } from "../../jobs/mail/preferences";
import { verifyUnsubscribeToken } from "../../jobs/mail/unsubscribe-token";

const TODAY = "2025-06-16";
const APP = "http://app.test";
let database: TestDatabase;
let smtp: TestSmtpServer;
let org: OrgFixture;
const u = {} as Record<"managerA1" | "managerCA" | "managerB1" | "medA" | "medB" | "director" | "admin", number>;
const round = {} as Record<"TA1" | "TB1" | "TA2old" | "TA2", number>;

const apvMails = () => smtp.received.filter((m) => /^APV for /.test(m.subject));
const recipients = (mails: ReceivedMail[]) => mails.map((m) => m.envelopeTo[0]).sort();

async function run(today: string) {
  const transport = smtpTransport(smtp.url);
  try {
    return await runMail(database.db, today, { appUrl: APP, from: "Belastning <no-reply@kommune.test>", transport });
  } finally {
    transport.close();
  }
}

beforeAll(async () => {
  [database, smtp] = await Promise.all([createTestDatabase("mailapv"), startSmtpServer()]);
  const db = database.db;
  org = await buildOrg(db);
  u.managerA1 = (await createUser(db, { email: "a1@x.dk", displayName: "Anne Leder", roles: [{ role: "manager", unitId: org.unit.TA1 }] })).id;
  u.managerCA = (await createUser(db, { email: "ca@x.dk", displayName: "Chris Cluster", language: "en", roles: [{ role: "manager", unitId: org.unit.CA }] })).id;
  u.managerB1 = (await createUser(db, { email: "b1@x.dk", displayName: "Bo Leder", roles: [{ role: "manager", unitId: org.unit.TB1 }] })).id;
  u.medA = (await createUser(db, { email: "meda@x.dk", displayName: "Mette MED", roles: [{ role: "med", committeeId: org.committee.MED_A }] })).id;
  u.medB = (await createUser(db, { email: "medb@x.dk", displayName: "Mads MED", roles: [{ role: "med", committeeId: org.committee.MED_B }] })).id;
  // Read-only across the organisation (no edit_plans), and the system administrator: not the APV's owners.
  u.director = (await createUser(db, { email: "dir@x.dk", displayName: "Dorte Direktør", roles: [{ role: "director", unitId: null }] })).id;
  u.admin = (await createUser(db, { email: "admin@x.dk", displayName: "Ada Admin", roles: [{ role: "admin", unitId: null }] })).id;

  const by = { userId: u.medA };
  const apv = (unitId: number, title: string, roundDate: string) =>
    createApvRound(db, { unitId, title, roundDate, method: "questionnaire", sicknessAbsenceNote: "Sygefravær 4,1 %, uændret" }, by, TODAY).then((r) => r.id);
  round.TA1 = await apv(org.unit.TA1, "APV 2022 Team A1", "2022-08-01"); // due 1.8.2025: 46 days left
  round.TB1 = await apv(org.unit.TB1, "APV 2022 Team B1", "2022-06-01"); // due 1.6.2025: 15 days overdue
  round.TA2old = await apv(org.unit.TA2, "APV 2019 Team A2", "2019-05-01"); // long overdue, but superseded
  round.TA2 = await apv(org.unit.TA2, "APV 2024 Team A2", "2024-03-01");
}, 60_000);

afterAll(async () => {
  await smtp?.close();
  await database?.drop();
});

describe("the APV revision reminder", () => {
  it("reaches the managers and MED members who can act on the unit, and no one else", async () => {
    await run(TODAY);
    const mails = apvMails();
    expect(recipients(mails)).toEqual(["a1@x.dk", "b1@x.dk", "ca@x.dk", "meda@x.dk", "medb@x.dk"]);
    const about = (m: ReceivedMail) => m.text.match(/\/apv\/(\d+)/)![1];
    expect(Object.fromEntries(mails.map((m) => [m.envelopeTo[0], Number(about(m))]))).toEqual({
      "a1@x.dk": round.TA1, "ca@x.dk": round.TA1, "meda@x.dk": round.TA1, "b1@x.dk": round.TB1, "medb@x.dk": round.TB1,
    });
    // Team A2's latest round (2024) is years from its revision: the superseded 2019 round is not mailed.
    expect(smtp.received.some((m) => m.text.includes(`/apv/${round.TA2old}`) || m.text.includes(`/apv/${round.TA2}`))).toBe(false);
  });

  it("says in Danish which unit, when the round was and when the revision is due, with a link", () => {
    const [mail] = apvMails().filter((m) => m.envelopeTo[0] === "a1@x.dk");
    expect(mail.subject).toBe("APV for Team A1: skal revideres senest 1.8.2025");
    expect(mail.text).toContain("Kære Anne Leder");
    expect(mail.text).toContain("Arbejdspladsvurderingen (APV) for Team A1 blev gennemført 1.8.2022.");
    expect(mail.text).toContain("Fristen for revisionen er 1.8.2025, om 46 dage.");
    expect(mail.text).toContain(`Åbn APV'en: ${APP}/apv/${round.TA1}`);
    expect(mail.html).toContain(`href="${APP}/apv/${round.TA1}"`);
    expect(mail.html).toContain("Fristen for revisionen er 1.8.2025, om 46 dage.");
    expect(mail.text).not.toMatch(/Sygefravær|Team B1/); // the unit and dates only
    const overdue = apvMails().find((m) => m.envelopeTo[0] === "medb@x.dk")!;
    expect(overdue.subject).toBe("APV for Team B1: revisionen er overskredet (frist 1.6.2025)");
    expect(overdue.text).toContain("Fristen for revisionen var 1.6.2025: den er overskredet med 15 dage.");
    const english = apvMails().find((m) => m.envelopeTo[0] === "ca@x.dk")!;
    expect(english.subject).toBe("APV for Team A1: to be revised by 1 Aug 2025");
    expect(english.text).toContain("The revision is due on 1 Aug 2025, in 46 days.");
  });

  it("carries a signed unsubscribe link for this kind", () => {
    for (const m of apvMails()) {
      const params = new URL(/http:\/\/app\.test\/unsubscribe\?[^\s]+/.exec(m.text)![0]).searchParams;
      expect(params.get("k")).toBe("apv_revision");
      expect(verifyUnsubscribeToken(Number(params.get("u")), "apv_revision", params.get("t")!)).toBe(true);
      expect(m.headers["list-unsubscribe"]).toContain("k=apv_revision");
    }
  });

  it("sends nothing twice on a re-run, nor on later days within the same stage", async () => {
    const again = await run(TODAY);
    expect(again.enqueued.created.apv_revision).toBeUndefined();
    await run("2025-06-20");
    expect(apvMails()).toHaveLength(5);
    const keys = await queryRows<{ key: string }>(database.db, sql`
      select distinct period_key as key from mail_outbox where kind = 'apv_revision' order by 1`);
    expect(keys.map((k) => k.key)).toEqual([`apv-${round.TA1}-d90`, `apv-${round.TB1}-overdue`]);
  });

  it("reminds again 30 days before, except those who unsubscribed; the overdue one is not repeated", async () => {
    await setMailPreference(database.db, u.medA, "apv_revision", false, "link");
    const before = apvMails().length;
    await run("2025-07-05"); // 27 days before 1.8.2025
    const fresh = apvMails().slice(before);
    expect(recipients(fresh)).toEqual(["a1@x.dk", "ca@x.dk"]);
    expect(fresh[0].text).toContain("Fristen for revisionen er 1.8.2025, om 27 dage.");
    await run("2025-07-06");
    expect(apvMails().length).toBe(before + 2);
  });

  it("stops once a new round is recorded for the unit", async () => {
    await createApvRound(database.db, { unitId: org.unit.TA1, title: "APV 2025 Team A1", roundDate: "2025-07-20", method: "dialogue_meeting", sicknessAbsenceNote: "Faldet til 3,5 %" }, { userId: u.managerA1 }, "2025-07-20");
    const before = apvMails().length;
    await run("2025-08-02"); // the old round would now be overdue
    expect(apvMails().length).toBe(before);
  });
});
