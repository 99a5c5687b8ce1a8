// The jobs, audit, outbox and unsubscribe pages on the running server (no Redis: jobs in-process,
// no SMTP: mails kept in the outbox): run now is audited and recorded, the trail reads in words and
// exports, the outbox shows a mail as sent, and the signed link unsubscribes without a login.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { queryRows } from "../../db/client";
import { createUser } from "../../db/commands/users";
import { addFocusPoint, addItem, changeItemStatus, createPlan } from "../../db/commands/plans";
import { runMail } from "../../jobs/mail/job";
import { SCHEDULED_JOBS } from "../../jobs/registry";
import { unsubscribeUrl } from "../../jobs/mail/unsubscribe-token";
import { buildOrg, type OrgFixture } from "./auth-fixtures";
import { login, startServer, type RunningServer } from "../helpers/auth-server";

const PASSWORD = "korrekt-hest-batteri";
let s: RunningServer;
let org: OrgFixture;
let admin: string;
let manager: string;
let managerId: number;
let planId: number;

beforeAll(async () => {
  s = await startServer("ops_routes");
  const db = s.db.db;
  org = await buildOrg(db);
  await createUser(db, { email: "admin@k.dk", displayName: "Ada Admin", password: PASSWORD, roles: [{ role: "admin" }] });
  managerId = (await createUser(db, { email: "maria@k.dk", displayName: "Maria Lund", password: PASSWORD, roles: [{ role: "manager", unitId: org.unit.TA1 }] })).id;
  admin = await login(s.base, "admin@k.dk", PASSWORD);
  manager = await login(s.base, "maria@k.dk", PASSWORD);
  const by = { userId: managerId };
  planId = (await createPlan(db, { unitId: org.unit.TA1, title: "Trivselsplan Team A1", sourceKind: "other" }, by)).id;
  const fp = (await addFocusPoint(db, { planId, title: "Sparring" }, by)).id;
  const item = (await addItem(db, { focusPointId: fp, title: "=Fast sparring", ownerUserId: managerId, dueDate: "2025-06-20" }, by)).id;
  for (const to of ["in_progress", "done"] as const) await changeItemStatus(db, { itemId: item, to }, by, "2025-06-16");
  await runMail(db, "2025-06-16", { appUrl: s.base, smtpUrl: null });
}, 120_000);

afterAll(async () => {
  await s?.close();
});

const get = (path: string, cookie?: string) => fetch(`${s.base}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
function post(path: string, cookie: string | null, fields: Record<string, string>, origin = true) {
  return fetch(`${s.base}${path}`, {
    method: "POST", redirect: "manual", body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(origin ? { Origin: s.base } : {}), ...(cookie ? { Cookie: cookie } : {}) },
  });
}

describe("/admin/jobs", () => {
  it("shows every job's schedule and next run, and a run-now button", async () => {
    const html = await (await get("/admin/jobs", admin)).text();
    expect(html).toContain("Planlagte job");
    expect(html).toContain("hver mandag kl. 02:00");
    expect(html).toContain("hvert 5. minut");
    expect(html).toContain("Mails: påmindelser og oversigter");
    expect(html.match(/aria-label="Kør nu: [^"]+">Kør nu</g)?.length).toBe(SCHEDULED_JOBS.length);
  });

  it("runs a job now in-process, records the run and audits who asked", async () => {
    const response = await post("/admin/jobs", admin, { intent: "run", job: "notifications" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/admin/jobs?started=notifications");
    let runs: { status: string; jobId: string }[] = [];
    for (let i = 0; i < 50; i++) {
      runs = await queryRows(s.db.db, sql`select status, job_id as "jobId" from job_runs where job = 'notifications' and job_id like 'manual-%'`);
      if (runs[0]?.status === "completed") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(runs).toHaveLength(1);
    expect(runs[0].status).toBe("completed");
    const [audit] = await queryRows<{ entityId: string }>(s.db.db, sql`select entity_id as "entityId" from audit_log where action = 'run_now'`);
    expect(audit.entityId).toBe("notifications");
    const html = await (await get("/admin/jobs?started=notifications", admin)).text();
    expect(html).toContain("Notifikationer er startet");
    expect(html).toContain("✓ Gennemført");
  });

  it("refuses an unknown job and a manager", async () => {
    expect((await post("/admin/jobs", admin, { intent: "run", job: "rm -rf" })).status).toBe(400);
    expect((await post("/admin/jobs", manager, { intent: "run", job: "mail" })).status).toBe(403);
  });
});

describe("/admin/audit", () => {
  it("reads each event as a sentence and filters by plan and kind", async () => {
    const html = await (await get(`/admin/audit?planId=${planId}&entity=action_item`, admin)).text();
    expect(html).toContain("Maria Lund markerede indsatsen »=Fast sparring« som udført i handleplanen »Trivselsplan Team A1«");
    expect(html).toContain("Maria Lund satte indsatsen »=Fast sparring« i gang");
    expect(html).not.toContain("tilføjede fokuspunktet");
    expect(html).toContain("3 ændringer");
  });

  it("exports the filtered trail as CSV with the data contract's rules", async () => {
    const response = await get(`/admin/audit/export?planId=${planId}&format=csv`, admin);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="revisionsspor_\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe("time;who;entity;entity_id;action;unit;description");
    expect(lines).toHaveLength(7); // header, 5 events (plan, focus point, item, 2 status changes), final CRLF
    expect(lines.find((l) => l.includes(";status;"))).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2};Maria Lund;action_item;\d+;status;Team A1;Maria Lund /);
  });

  it("exports XLSX with the same rows, and refuses a bad format", async () => {
    const response = await get(`/admin/audit/export?planId=${planId}&format=xlsx`, admin);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(6);
    expect(String(sheet.getRow(1).getCell(7).value)).toBe("description");
    expect((await get("/admin/audit/export?format=pdf", admin)).status).toBe(400);
    expect((await get("/admin/audit/export?format=csv", manager)).status).toBe(403);
  });
});

describe("/admin/mail", () => {
  it("lists the kept mails and shows one as its recipient gets it", async () => {
    const list = await (await get("/admin/mail", admin)).text();
    expect(list).toContain("Ingen SMTP-server er sat op");
    expect(list).toContain("maria@k.dk");
    expect(list).toContain("Mandagsoversigt, uge 24, 2025");
    expect(list).toContain("▣ Gemt (ikke sendt)");
    const [mail] = await queryRows<{ id: number }>(s.db.db, sql`select id::int as id from mail_outbox where kind = 'manager_digest'`);
    const page = await (await get(`/admin/mail?id=${mail.id}`, admin)).text();
    expect(page).toContain("Kære Maria Lund");
    expect(page).toContain('sandbox=""');
    expect((await get("/admin/mail", manager)).status).toBe(403);
  });
});

describe("unsubscribing", () => {
  it("asks on GET without a login and unsubscribes on POST, audited", async () => {
    const link = unsubscribeUrl(s.base, managerId, "manager_digest").slice(s.base.length);
    const page = await get(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Vil du afmelde mails af typen »Mandagsoversigt for dine teams«?");
    expect(await queryRows(s.db.db, sql`select 1 from mail_unsubscribes`)).toHaveLength(0);
    const done = await post(link, null, {});
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Du er afmeldt");
    expect(await queryRows(s.db.db, sql`select kind from mail_unsubscribes where user_id = ${managerId}`)).toEqual([{ kind: "manager_digest" }]);
    expect(await queryRows(s.db.db, sql`select 1 from audit_log where action = 'mail_unsubscribe'`)).toHaveLength(1);
  });

  it("takes a mail client's one-click POST (RFC 8058) to the same link", async () => {
    const link = unsubscribeUrl(s.base, managerId, "overdue").slice(s.base.length);
    const response = await fetch(`${s.base}${link}`, {
      method: "POST", body: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(200);
    expect(await queryRows(s.db.db, sql`select kind from mail_unsubscribes where user_id = ${managerId} order by kind`)).toEqual([{ kind: "manager_digest" }, { kind: "overdue" }]);
  });

  it("refuses a link whose token was made for another user or kind", async () => {
    const link = unsubscribeUrl(s.base, managerId, "overdue").slice(s.base.length).replace("k=overdue", "k=due_soon");
    expect((await get(link)).status).toBe(400);
    expect((await post(link, null, {})).status).toBe(400);
  });

  it("shows the choices on the notifications page and saves them for the signed-in user", async () => {
    const html = await (await get("/notifications", manager)).text();
    expect(html).toContain('id="mail-settings"');
    expect(html).toMatch(/name="mail_due_soon" checked=""/);
    expect(html).not.toMatch(/name="mail_overdue" checked=""/);
    const saved = await post("/notifications", manager, { intent: "mail_settings", mail_due_soon: "on", mail_overdue: "on", mail_escalated: "on", mail_med_digest: "on", mail_apv_revision: "on" });
    expect(saved.status).toBe(302);
    expect(await queryRows(s.db.db, sql`select kind from mail_unsubscribes where user_id = ${managerId}`)).toEqual([{ kind: "manager_digest" }]);
  });
});
