// The mail job against a real SMTP server (smtp-server on 127.0.0.1) and real Postgres: reminders,
// the committee's escalation, the Monday digest and the MED digest arrive with the right
// recipients, subjects, Danish (or English) text and links; a re-run sends nothing twice; a
// refused delivery is retried after its backoff; without SMTP the mails are kept in the outbox.
//
// Organisation (auth-fixtures.ts): ORG → CA (TA1, TA2), CB (TB1); MED-A covers CA, MED-B covers TB1.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "../helpers/services";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../helpers/smtp";
import { buildOrg, type OrgFixture } from "./auth-fixtures";
import { createUser } from "../../db/commands/users";
import { queryRows } from "../../db/client";
import { addFocusPoint, addItem, createPlan, recordReview } from "../../db/commands/plans";
import { createRecomputeRequest } from "../../db/recompute-requests";
import { processRecomputeRequest } from "../../jobs/recompute/job";
import { deliverMail, runMail } from "../../jobs/mail/job";
import { smtpTransport } from "../../jobs/mail/deliver";
import { verifyUnsubscribeToken } from "../../jobs/mail/unsubscribe-token";

const TODAY = "2025-06-16"; // a Monday: the last complete week is W24 (9–15 June)
const APP = "http://app.test";
let database: TestDatabase;
let smtp: TestSmtpServer;
let org: OrgFixture;
const u = {} as Record<"managerA1" | "managerCA" | "managerB1" | "medA" | "medB", number>;
let planId: number;

const mailsTo = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address));
const one = (address: string, subject: RegExp): ReceivedMail => {
  const found = mailsTo(address).filter((m) => subject.test(m.subject));
  expect(found.map((m) => m.subject), `${address} ${subject}`).toHaveLength(1);
  return found[0];
};

async function run(today: string, options: Parameters<typeof runMail>[2] = {}) {
  const transport = smtpTransport(smtp.url);
  try {
    return await runMail(database.db, today, { appUrl: APP, from: "Belastning <no-reply@kommune.test>", transport, ...options });
  } finally {
    transport.close();
  }
}

beforeAll(async () => {
  [database, smtp] = await Promise.all([createTestDatabase("mail"), startSmtpServer()]);
  const db = database.db;
  org = await buildOrg(db);
  // Team A1: two caseworkers (named: the digest must not name them) holding 60 open cases = 30 per FTE.
  await db.execute(sql`insert into employees (id, display_name) values ('E1', 'Carla Casesen'), ('E2', 'Dennis Dansen')`);
  await db.execute(sql`insert into employments (employee_id, unit_id, role, is_manager, fte, start_date)
    values ('E1', ${org.unit.TA1}, 'caseworker', false, 1, '2024-01-01'), ('E2', ${org.unit.TA1}, 'caseworker', false, 1, '2024-01-01')`);
  await db.execute(sql`insert into case_periods (case_id, period_start, unit_id, caseworker_id, case_type, complexity)
    select 'C' || g, '2025-01-06', ${org.unit.TA1}, case when g % 2 = 0 then 'E1' else 'E2' end, 'underretning', 1 from generate_series(1, 60) g`);
  const request = await createRecomputeRequest(db, "test", { from: "2025-04-28", to: TODAY });
  await processRecomputeRequest(db, request, TODAY);

  u.managerA1 = (await createUser(db, { email: "a1@x.dk", displayName: "Anne Leder", roles: [{ role: "manager", unitId: org.unit.TA1 }] })).id;
  u.managerCA = (await createUser(db, { email: "ca@x.dk", displayName: "Chris Cluster", language: "en", roles: [{ role: "manager", unitId: org.unit.CA }] })).id;
  u.managerB1 = (await createUser(db, { email: "b1@x.dk", displayName: "Bo Leder", roles: [{ role: "manager", unitId: org.unit.TB1 }] })).id;
  u.medA = (await createUser(db, { email: "meda@x.dk", displayName: "Mette MED", roles: [{ role: "med", committeeId: org.committee.MED_A }] })).id;
  u.medB = (await createUser(db, { email: "medb@x.dk", displayName: "Mads MED", roles: [{ role: "med", committeeId: org.committee.MED_B }] })).id;

  const by = { userId: u.medA };
  planId = (await createPlan(db, { unitId: org.unit.TA1, title: "Påbud: arbejdsmængde og tidspres", sourceKind: "at_decision",
    atReaction: "paabud_med_frist", atReference: "2025054321", atVisitDate: "2025-04-10", atDecisionDate: "2025-04-24",
    atThemes: ["workload_time_pressure"], deadline: "2025-09-01" }, by)).id;
  const fp = (await addFocusPoint(db, { planId, title: "Prioritering af opgaver" }, by)).id;
  await addItem(db, { focusPointId: fp, title: "Prioriteringsmøde hver uge", ownerUserId: u.managerA1, dueDate: "2025-06-20" }, by);
  await addItem(db, { focusPointId: fp, title: "Rollebeskrivelser for sagsbehandlere", ownerUserId: u.managerA1, dueDate: "2025-06-01" }, by);
  await recordReview(db, { planId, committeeId: org.committee.MED_A, reviewDate: "2025-05-20", decisions: "Følges op i juni", nextReviewDate: "2025-06-19" }, by);
}, 60_000);

afterAll(async () => {
  await smtp?.close();
  await database?.drop();
});

describe("the morning mail run", () => {
  it("sends each reminder and digest to the right people over SMTP", async () => {
    const result = await run(TODAY);
    expect(result.delivery).toMatchObject({ sent: smtp.received.length, retrying: 0, failed: 0 });
    expect(smtp.received.map((m) => m.envelopeTo[0]).sort()).toEqual(
      ["a1@x.dk", "a1@x.dk", "a1@x.dk", "b1@x.dk", "ca@x.dk", "meda@x.dk", "meda@x.dk"]);
    expect(mailsTo("medb@x.dk")).toEqual([]); // MED-B's committee has no meeting ahead
    for (const m of smtp.received) {
      expect(m.headers.from).toBe("Belastning <no-reply@kommune.test>");
      expect(m.headers["content-type"]).toMatch(/multipart\/alternative/);
      expect(m.headers["list-unsubscribe"]).toMatch(/^<http:\/\/app\.test\/unsubscribe\?u=\d+&k=[a-z_]+&t=[\w-]+>$/);
      expect(m.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    }
  });

  it("reminds the owner in Danish with links to the items", () => {
    const soon = one("a1@x.dk", /frist inden for 7 dage/);
    expect(soon.subject).toBe("1 indsats har frist inden for 7 dage");
    expect(soon.text).toContain("Kære Anne Leder");
    expect(soon.text).toContain("Prioriteringsmøde hver uge i handleplanen »Påbud: arbejdsmængde og tidspres«: frist 20.6.2025 (om 4 dage)");
    expect(soon.text).toMatch(new RegExp(`${APP}/plans/${planId}#item-\\d+`));
    expect(soon.html).toContain(`href="${APP}/plans/${planId}#item-`);
    const late = one("a1@x.dk", /over fristen$/);
    expect(late.text).toContain("Rollebeskrivelser for sagsbehandlere i handleplanen »Påbud: arbejdsmængde og tidspres«: frist 1.6.2025, 15 dage over");
  });

  it("escalates to the committee with who is responsible", () => {
    const escalated = one("meda@x.dk", /^Udvalget:/);
    expect(escalated.subject).toBe("Udvalget: 1 indsats er en uge over fristen");
    expect(escalated.text).toContain("ansvarlig: Anne Leder");
  });

  it("gives the manager the team's last complete week without naming caseworkers", () => {
    const digest = one("a1@x.dk", /^Mandagsoversigt/);
    expect(digest.subject).toBe("Mandagsoversigt, uge 24, 2025");
    expect(digest.text).toContain("Sådan gik uge 24, 2025 (9.6.2025–15.6.2025) for dine teams.");
    expect(digest.text).toContain("Team A1");
    expect(digest.text).toContain("- Rød: over en grænse i 6 af de seneste 6 uger");
    expect(digest.text).toContain("30,0 sager pr. årsværk");
    expect(digest.text).toContain("Over grænsen: sager pr. årsværk: 30,0 (grænse 25)");
    expect(digest.text).toContain("Prioriteringsmøde hver uge");
    expect(digest.text).toContain(`${APP}/team?unit=${org.unit.TA1}`);
    expect(digest.text).not.toMatch(/Carla|Dennis|Casesen|Dansen/);
    expect(digest.html).not.toMatch(/Carla|Dennis/);
    if (process.env.MAIL_DIGEST_DUMP) fs.writeFileSync(process.env.MAIL_DIGEST_DUMP, digest.text);
    if (process.env.MAIL_HTML_DUMP) fs.writeFileSync(process.env.MAIL_HTML_DUMP, digest.html);
  });

  it("writes to a manager who chose English in English, and only about units in their scope", () => {
    const english = one("ca@x.dk", /^Monday digest/);
    expect(english.subject).toBe("Monday digest, week 24, 2025");
    expect(english.text).toContain("Dear Chris Cluster");
    expect(english.text).toContain("30.0 cases per FTE");
    expect(english.text).toContain("Team A2");
    const outsider = one("b1@x.dk", /^Mandagsoversigt/);
    expect(outsider.text).toContain("Team B1");
    expect(outsider.text).not.toMatch(/Team A1|Team A2|Prioriteringsmøde|Rollebeskrivelser/);
  });

  it("tells MED members about the meeting ahead from the plans' next review dates, without caseloads", () => {
    const med = one("meda@x.dk", /møde/);
    expect(med.subject).toBe("MED Klynge A: møde 19.6.2025");
    expect(med.text).toContain("Påbud: arbejdsmængde og tidspres");
    expect(med.text).toContain("Over fristen: »Rollebeskrivelser for sagsbehandlere« (Anne Leder, 15 dage)");
    expect(med.text).toContain(`${APP}/plans/meeting?committee=${org.committee.MED_A}`);
    expect(med.text).not.toMatch(/sager pr\. årsværk|Carla|Dennis/);
  });

  it("puts a signed unsubscribe link for its own kind in every mail", () => {
    for (const m of smtp.received) {
      const link = /http:\/\/app\.test\/unsubscribe\?[^\s]+/.exec(m.text)![0];
      const params = new URL(link).searchParams;
      expect(params.get("u")).toBe(String({ "a1@x.dk": u.managerA1, "ca@x.dk": u.managerCA, "b1@x.dk": u.managerB1, "meda@x.dk": u.medA }[m.envelopeTo[0]]));
      expect(verifyUnsubscribeToken(Number(params.get("u")), params.get("k") as never, params.get("t")!)).toBe(true);
    }
  });

  it("sends nothing twice when the job runs again", async () => {
    const before = smtp.received.length;
    const again = await run(TODAY);
    expect(again.enqueued.created).toEqual({});
    expect(smtp.received.length).toBe(before);
    const [{ n }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from mail_outbox`);
    expect(n).toBe(before);
  });
});

describe("delivery failures", () => {
  it("keeps a refused mail queued with the error, and sends it after the backoff", async () => {
    const db = database.db;
    const fp = (await queryRows<{ id: number }>(db, sql`select id from focus_points where plan_id = ${planId}`))[0].id;
    await addItem(db, { focusPointId: fp, title: "Sparringsgrupper", ownerUserId: u.managerB1, dueDate: "2025-06-23" }, { userId: u.medA });
    const before = smtp.received.length;
    smtp.refuseNext(1);
    const first = await run("2025-06-17");
    const start = new Date();
    expect(first.delivery).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(smtp.received.length).toBe(before);
    const [queued] = await queryRows<{ status: string; attempts: number; lastError: string }>(db, sql`
      select status, attempts, last_error as "lastError" from mail_outbox where to_address = 'b1@x.dk' and kind = 'due_soon'`);
    expect(queued).toMatchObject({ status: "queued", attempts: 1 });
    expect(queued.lastError).toMatch(/451/);

    // Not yet due: the first retry waits a minute.
    const transport = smtpTransport(smtp.url);
    try {
      expect(await deliverMail(db, { appUrl: APP, transport, now: new Date(start.getTime() + 30_000) })).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(await deliverMail(db, { appUrl: APP, transport, now: new Date(start.getTime() + 61_000) })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    } finally {
      transport.close();
    }
    expect(smtp.received.length).toBe(before + 1);
    expect(one("b1@x.dk", /frist inden for 7 dage/).text).toContain("Sparringsgrupper");
    const [sent] = await queryRows<{ status: string; attempts: number; lastError: string | null }>(db, sql`
      select status, attempts, last_error as "lastError" from mail_outbox where to_address = 'b1@x.dk' and kind = 'due_soon'`);
    expect(sent).toEqual({ status: "sent", attempts: 2, lastError: null });
  });

  it("gives up after five attempts and says so", async () => {
    const db = database.db;
    await db.execute(sql`insert into mail_outbox (to_address, kind, period_key, lang, subject, text_body, html_body, status)
      values ('nobody@x.dk', 'overdue', '2025-06-17', 'da', 'Test', 'Tekst', '<p>Tekst</p>', 'queued')`);
    const transport = smtpTransport(smtp.url);
    // A second on: the row's next_attempt_at is the database's now() in microseconds, and Date.now()
    // in the same millisecond reads as before it, so the first delivery found nothing due.
    let now = Date.now() + 1000;
    try {
      for (let attempt = 1; attempt <= 5; attempt++) {
        smtp.refuseNext(1);
        const result = await deliverMail(db, { appUrl: APP, transport, now: new Date(now) });
        expect(result).toEqual(attempt < 5 ? { sent: 0, retrying: 1, failed: 0 } : { sent: 0, retrying: 0, failed: 1 });
        now += 20 * 60_000;
      }
    } finally {
      transport.close();
    }
    const [row] = await queryRows<{ status: string; attempts: number }>(db, sql`select status, attempts from mail_outbox where to_address = 'nobody@x.dk'`);
    expect(row).toEqual({ status: "failed", attempts: 5 });
  });
});

describe("without SMTP", () => {
  it("keeps the mails in the outbox, leaves out unsubscribed kinds, and sends nothing", async () => {
    const db = database.db;
    await db.execute(sql`insert into mail_unsubscribes (user_id, kind) values (${u.managerB1}, 'manager_digest')`);
    const before = smtp.received.length;
    const result = await runMail(db, "2025-06-23", { appUrl: APP, smtpUrl: null });
    expect(result.delivery).toEqual({ skipped: "no SMTP_URL" });
    expect(smtp.received.length).toBe(before);
    const rows = await queryRows<{ to: string; kind: string; status: string }>(db, sql`
      select to_address as "to", kind, status from mail_outbox where period_key = '2025-W25' order by 1`);
    expect(rows).toEqual([
      { to: "a1@x.dk", kind: "manager_digest", status: "kept" },
      { to: "ca@x.dk", kind: "manager_digest", status: "kept" },
    ]);
  });
});
