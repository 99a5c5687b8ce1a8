// The audit trail in words: one sentence per event, Danish and English ("Maria Lund godkendte
// indsatsen »Fast sparring« i handleplanen »Påbud …«"). One entry per event kind, keyed
// "entity.action", in AUDIT_WORDING below; an event without an entry is still worded readably
// from its action and entity (FALLBACK), so new events from other features never show raw JSON.
//
// To word a new event: add `"my_entity.my_action": { da: (f) => …, en: (f) => … }` and, if the
// entity should be offered in the audit page's "what" filter, a label in AUDIT_ENTITY_LABELS.
// Pure: the presenter (db/presenters/audit.ts) resolves names and titles into AuditFacts first.
import type { Lang } from "./format";

export interface AuditFacts {
  action: string;
  entity: string;
  entityId: string | null;
  /** The user's name, the actor ("cli:root", "job:notifications", "seed"), or null. */
  who: string | null;
  before: unknown;
  after: unknown;
  /** The entity's own title or name where the presenter found it (plan, item, focus point, user …). */
  subject: string | null;
  /** The action plan the entity belongs to, where there is one. */
  plan: string | null;
}

type Phrase = (f: AuditFacts) => string;
export type AuditWording = Record<Lang, Phrase>;

const rec = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : typeof v === "number" ? String(v) : null);
const short = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function dateWords(lang: Lang, iso: string | null): string {
  if (!iso) return lang === "da" ? "ingen" : "none";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  if (lang === "da") return `${Number(m[3])}.${Number(m[2])}.${m[1]}`;
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** »title« (da) or “title” (en); the entity's number when no title was found. */
function named(lang: Lang, title: string | null, id: string | null): string {
  if (title) return lang === "da" ? `»${short(title)}«` : `“${short(title)}”`;
  return id ? `#${id}` : "";
}

const inPlan = (lang: Lang, f: AuditFacts) => (f.plan ? (lang === "da" ? ` i handleplanen ${named(lang, f.plan, null)}` : ` in the action plan ${named(lang, f.plan, null)}`) : "");
const subject = (lang: Lang, f: AuditFacts, fallbackKey = "title") => named(lang, f.subject ?? str(rec(f.after)[fallbackKey]) ?? str(rec(f.before)[fallbackKey]), f.entityId);

const ITEM_FIELDS: Record<string, Record<Lang, string>> = {
  title: { da: "titel", en: "title" }, description: { da: "beskrivelse", en: "description" },
  ownerUserId: { da: "ansvarlig", en: "owner" }, ownerName: { da: "ansvarlig", en: "owner" }, dueDate: { da: "frist", en: "due date" },
};

function changedKeys(before: unknown, after: unknown): string[] {
  const b = rec(before);
  const a = rec(after);
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => k !== "planId" && JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null));
}

function itemUpdate(lang: Lang, f: AuditFacts): string {
  const keys = changedKeys(f.before, f.after);
  const what = subject(lang, f);
  if (keys.length === 1 && keys[0] === "dueDate") {
    const from = dateWords(lang, str(rec(f.before).dueDate));
    const to = dateWords(lang, str(rec(f.after).dueDate));
    return lang === "da" ? `flyttede fristen for indsatsen ${what}${inPlan(lang, f)} fra ${from} til ${to}` : `moved the due date of the action item ${what}${inPlan(lang, f)} from ${from} to ${to}`;
  }
  const fields = [...new Set(keys.map((k) => ITEM_FIELDS[k]?.[lang] ?? k))].join(", ");
  return lang === "da" ? `ændrede indsatsen ${what}${inPlan(lang, f)} (${fields})` : `changed the action item ${what}${inPlan(lang, f)} (${fields})`;
}

const STATUS_VERBS: Record<string, Record<Lang, string>> = {
  planned: { da: "satte indsatsen {x} tilbage til planlagt", en: "set the action item {x} back to planned" },
  in_progress: { da: "satte indsatsen {x} i gang", en: "started the action item {x}" },
  done: { da: "markerede indsatsen {x} som udført", en: "marked the action item {x} as done" },
  verified: { da: "godkendte indsatsen {x} (virkningen bekræftet)", en: "approved the action item {x} (verified effective)" },
  cancelled: { da: "annullerede indsatsen {x}", en: "cancelled the action item {x}" },
};

function itemStatus(lang: Lang, f: AuditFacts): string {
  const to = str(rec(f.after).status) ?? "";
  const verb = STATUS_VERBS[to]?.[lang] ?? (lang === "da" ? `ændrede status for indsatsen {x} til ${to}` : `changed the status of the action item {x} to ${to}`);
  const reason = str(rec(f.after).cancelReason);
  const why = to === "cancelled" && reason ? (lang === "da" ? ` (begrundelse: ${short(reason)})` : ` (reason: ${short(reason)})`) : "";
  return `${verb.replace("{x}", subject(lang, f))}${inPlan(lang, f)}${why}`;
}

function planUpdate(lang: Lang, f: AuditFacts): string {
  const b = rec(f.before);
  const a = rec(f.after);
  const what = subject(lang, f);
  const parts: string[] = [];
  if (b.status !== a.status) {
    parts.push(a.status === "closed" ? (lang === "da" ? `lukkede handleplanen ${what}` : `closed the action plan ${what}`)
      : lang === "da" ? `genåbnede handleplanen ${what}` : `reopened the action plan ${what}`);
  }
  if (b.reportedBackOn !== a.reportedBackOn) {
    parts.push(a.reportedBackOn
      ? lang === "da" ? `registrerede tilbagemeldingen til AT den ${dateWords(lang, str(a.reportedBackOn))} for handleplanen ${what}` : `recorded the report back to AT on ${dateWords(lang, str(a.reportedBackOn))} for the action plan ${what}`
      : lang === "da" ? `fjernede datoen for tilbagemelding til AT for handleplanen ${what}` : `removed the report-back date of the action plan ${what}`);
  }
  if (b.appealStatus !== a.appealStatus) {
    parts.push(lang === "da" ? `ændrede klagestatus for handleplanen ${what} til ${str(a.appealStatus) ?? "ingen"}` : `changed the appeal status of the action plan ${what} to ${str(a.appealStatus) ?? "none"}`);
  }
  if (parts.length === 0) return lang === "da" ? `ændrede handleplanen ${what}` : `changed the action plan ${what}`;
  return parts.join(lang === "da" ? " og " : " and ");
}

function importWords(lang: Lang, f: AuditFacts): string {
  const a = rec(f.after);
  const file = named(lang, str(a.fileName), f.entityId);
  const kind = str(a.kind) ?? "";
  const rows = Number(a.rowsTotal ?? 0);
  const errors = Number(a.errors ?? 0);
  if (f.action === "import.rejected") return lang === "da" ? `fik filen ${file} (${kind}) afvist: ${errors} fejl` : `had the file ${file} (${kind}) rejected: ${errors} errors`;
  if (f.action === "import.unchanged") return lang === "da" ? `importerede filen ${file} (${kind}) uden ændringer` : `imported the file ${file} (${kind}) without changes`;
  return lang === "da" ? `importerede filen ${file} (${kind}): ${rows} rækker, ${Number(a.rowsChanged ?? 0)} ændret` : `imported the file ${file} (${kind}): ${rows} rows, ${Number(a.rowsChanged ?? 0)} changed`;
}

const MAIL_KIND_WORDS: Record<string, Record<Lang, string>> = {
  due_soon: { da: "påmindelser om frister", en: "due-date reminders" },
  overdue: { da: "påmindelser om overskredne frister", en: "overdue reminders" },
  escalated: { da: "udvalgets eskaleringer", en: "committee escalations" },
  manager_digest: { da: "mandagsoversigten", en: "the Monday digest" },
  med_digest: { da: "oversigten før MED-mødet", en: "the digest before the MED meeting" },
  apv_revision: { da: "påmindelser om APV-revision", en: "APV revision reminders" },
};
const mailKind = (lang: Lang, f: AuditFacts) => MAIL_KIND_WORDS[f.entityId ?? ""]?.[lang] ?? f.entityId ?? "";

/** Every worded event kind, keyed "entity.action". */
export const AUDIT_WORDING: Record<string, AuditWording> = {
  "action_plan.create": { da: (f) => `oprettede handleplanen ${subject("da", f)}`, en: (f) => `created the action plan ${subject("en", f)}` },
  "action_plan.update": { da: (f) => planUpdate("da", f), en: (f) => planUpdate("en", f) },
  "focus_point.create": { da: (f) => `tilføjede fokuspunktet ${subject("da", f)}${inPlan("da", f)}`, en: (f) => `added the focus point ${subject("en", f)}${inPlan("en", f)}` },
  "action_item.create": { da: (f) => `oprettede indsatsen ${subject("da", f)}${inPlan("da", f)}`, en: (f) => `created the action item ${subject("en", f)}${inPlan("en", f)}` },
  "action_item.update": { da: (f) => itemUpdate("da", f), en: (f) => itemUpdate("en", f) },
  "action_item.status": { da: (f) => itemStatus("da", f), en: (f) => itemStatus("en", f) },
  "item_evidence.create": {
    da: (f) => `noterede dokumentation til indsatsen ${named("da", f.subject, str(rec(f.after).itemId))}${inPlan("da", f)}: »${short(str(rec(f.after).note) ?? "")}«`,
    en: (f) => `noted evidence for the action item ${named("en", f.subject, str(rec(f.after).itemId))}${inPlan("en", f)}: “${short(str(rec(f.after).note) ?? "")}”`,
  },
  "committee_review.create": {
    da: (f) => `registrerede udvalgets gennemgang den ${dateWords("da", str(rec(f.after).reviewDate))}${inPlan("da", f)}`,
    en: (f) => `recorded the committee's review on ${dateWords("en", str(rec(f.after).reviewDate))}${inPlan("en", f)}`,
  },
  "committee.create": { da: (f) => `oprettede udvalget ${subject("da", f, "name")}`, en: (f) => `created the committee ${subject("en", f, "name")}` },
  "user.create": { da: (f) => `oprettede brugeren ${subject("da", f, "displayName")}`, en: (f) => `created the user ${subject("en", f, "displayName")}` },
  "user.update": { da: (f) => `ændrede brugeren ${subject("da", f, "displayName")}`, en: (f) => `changed the user ${subject("en", f, "displayName")}` },
  "user.set_roles": { da: (f) => `ændrede rollerne for ${subject("da", f, "displayName")}`, en: (f) => `changed the roles of ${subject("en", f, "displayName")}` },
  "user.set_password": { da: (f) => `satte en ny adgangskode for ${subject("da", f, "displayName")}`, en: (f) => `set a new password for ${subject("en", f, "displayName")}` },
  "user.deactivate": { da: (f) => `deaktiverede brugeren ${subject("da", f, "displayName")}`, en: (f) => `deactivated the user ${subject("en", f, "displayName")}` },
  "user.reactivate": { da: (f) => `genaktiverede brugeren ${subject("da", f, "displayName")}`, en: (f) => `reactivated the user ${subject("en", f, "displayName")}` },
  "notification.read": {
    da: (f) => { const n = Number(rec(f.after).count ?? 1); return `markerede ${n} ${n === 1 ? "notifikation" : "notifikationer"} som læst`; },
    en: (f) => { const n = Number(rec(f.after).count ?? 1); return `marked ${n} ${n === 1 ? "notification" : "notifications"} as read`; },
  },
  "import_log.import.accepted": { da: (f) => importWords("da", f), en: (f) => importWords("en", f) },
  "import_log.import.rejected": { da: (f) => importWords("da", f), en: (f) => importWords("en", f) },
  "import_log.import.unchanged": { da: (f) => importWords("da", f), en: (f) => importWords("en", f) },
  "job.run_now": { da: (f) => `startede jobbet ${named("da", f.entityId, null)} manuelt`, en: (f) => `started the job ${named("en", f.entityId, null)} by hand` },
  "mail_preference.mail_unsubscribe": { da: (f) => `afmeldte mails: ${mailKind("da", f)}`, en: (f) => `unsubscribed from mails: ${mailKind("en", f)}` },
  "mail_preference.mail_subscribe": { da: (f) => `tilmeldte sig mails: ${mailKind("da", f)}`, en: (f) => `subscribed to mails: ${mailKind("en", f)}` },
  "evidence_file.upload": {
    da: (f) => `vedhæftede filen ${named("da", str(rec(f.after).fileName), f.entityId)}${str(rec(f.after).subjectTitle) ? ` til ${named("da", str(rec(f.after).subjectTitle), null)}` : ""}${inPlan("da", f)}`,
    en: (f) => `attached the file ${named("en", str(rec(f.after).fileName), f.entityId)}${str(rec(f.after).subjectTitle) ? ` to ${named("en", str(rec(f.after).subjectTitle), null)}` : ""}${inPlan("en", f)}`,
  },
  "report_signoff.sign_as_management": { da: (f) => `underskrev tilbagemeldingen til Arbejdstilsynet for ledelsen${inPlan("da", f)}`, en: (f) => `signed the report back to the Working Environment Authority for management${inPlan("en", f)}` },
  "report_signoff.sign_as_safety_representative": { da: (f) => `underskrev tilbagemeldingen som arbejdsmiljørepræsentant${inPlan("da", f)}`, en: (f) => `signed the report back as safety representative${inPlan("en", f)}` },
  "report_signoff.confirm_employees_informed": { da: (f) => `bekræftede, at medarbejderne er orienteret${inPlan("da", f)}`, en: (f) => `confirmed that the employees were informed${inPlan("en", f)}` },
  "report_signoff.record_sent_to_at": { da: (f) => `registrerede, at tilbagemeldingen er sendt til Arbejdstilsynet (OnlineAt) ${dateWords("da", str(rec(f.after).onDate))}${inPlan("da", f)}`, en: (f) => `recorded that the report back was sent to the Authority (OnlineAt) on ${dateWords("en", str(rec(f.after).onDate))}${inPlan("en", f)}` },
  "apv_round.create": { da: (f) => `oprettede APV-runden ${subject("da", f)}`, en: (f) => `created the APV round ${subject("en", f)}` },
  "apv_problem.create": { da: (f) => `tilføjede APV-problemet ${subject("da", f, "problem")}`, en: (f) => `added the APV problem ${subject("en", f, "problem")}` },
  "apv_problem.follow_up": { da: (f) => `fulgte op på APV-problemet ${subject("da", f, "problem")}`, en: (f) => `followed up the APV problem ${subject("en", f, "problem")}` },
  "unit_settings.update": { da: (f) => `ændrede grænserne for enheden ${subject("da", f, "unitName")}`, en: (f) => `changed the thresholds of the unit ${subject("en", f, "unitName")}` },
  "organisation_settings.update": { da: () => "ændrede kompleksitetsvægtene", en: () => "changed the complexity weights" },
  "case_type.create": { da: (f) => `oprettede sagstypen ${subject("da", f, "key")}`, en: (f) => `created the case type ${subject("en", f, "key")}` },
  "case_type.update": { da: (f) => `ændrede sagstypen ${subject("da", f, "key")}`, en: (f) => `changed the case type ${subject("en", f, "key")}` },
  "emotional_flag.create": { da: (f) => `oprettede markeringen ${subject("da", f, "key")}`, en: (f) => `created the flag ${subject("en", f, "key")}` },
  "emotional_flag.update": { da: (f) => `ændrede markeringen ${subject("da", f, "key")}`, en: (f) => `changed the flag ${subject("en", f, "key")}` },
  "wellbeing_dimension.create": { da: (f) => `oprettede trivselsdimensionen ${subject("da", f, "key")}`, en: (f) => `created the wellbeing dimension ${subject("en", f, "key")}` },
  "wellbeing_dimension.update": { da: (f) => `ændrede trivselsdimensionen ${subject("da", f, "key")}`, en: (f) => `changed the wellbeing dimension ${subject("en", f, "key")}` },
  "sso_mapping.create": { da: (f) => `tilknyttede login-værdien ${subject("da", f, "claimValue")} en rolle`, en: (f) => `mapped the sign-in value ${subject("en", f, "claimValue")} to a role` },
  "sso_mapping.delete": { da: (f) => `fjernede tilknytningen af login-værdien ${subject("da", f, "claimValue")}`, en: (f) => `removed the mapping of the sign-in value ${subject("en", f, "claimValue")}` },
  "user.end_sessions": { da: (f) => `afsluttede sessioner for ${subject("da", f, "displayName")}`, en: (f) => `ended sessions of ${subject("en", f, "displayName")}` },
  "employee.privacy.exported": { da: (f) => `hentede alle persondata om medarbejder ${named("da", null, f.entityId)} (indsigt)`, en: (f) => `downloaded all personal data about employee ${named("en", null, f.entityId)} (access request)` },
  "employee.privacy.pseudonymised": {
    da: (f) => `pseudonymiserede en medarbejder som ${f.entityId ?? ""} (${rec(f.after).reason === "retention" ? "opbevaringsperioden udløb" : "anmodning om sletning"})`,
    en: (f) => `pseudonymised an employee as ${f.entityId ?? ""} (${rec(f.after).reason === "retention" ? "retention period ended" : "erasure request"})`,
  },
  "mail_outbox.requeue": { da: (f) => `satte mailen ${subject("da", f, "subject")} til at blive sendt igen`, en: (f) => `queued the mail ${subject("en", f, "subject")} to be sent again` },
};

/** The entities offered in the "what" filter, with their names; entities found in the trail are added. */
export const AUDIT_ENTITY_LABELS: Record<string, Record<Lang, string>> = {
  action_plan: { da: "Handleplaner", en: "Action plans" },
  focus_point: { da: "Fokuspunkter", en: "Focus points" },
  action_item: { da: "Indsatser", en: "Action items" },
  item_evidence: { da: "Dokumentation", en: "Evidence" },
  committee_review: { da: "Udvalgets gennemgange", en: "Committee reviews" },
  committee: { da: "Udvalg", en: "Committees" },
  user: { da: "Brugere", en: "Users" },
  notification: { da: "Notifikationer", en: "Notifications" },
  import_log: { da: "Importer", en: "Imports" },
  job: { da: "Jobs", en: "Jobs" },
  mail_preference: { da: "Mailvalg", en: "Mail preferences" },
  mail_outbox: { da: "Mails", en: "Mails" },
  evidence_file: { da: "Vedhæftede filer", en: "Attached files" },
  report_signoff: { da: "Underskrifter", en: "Sign-offs" },
  apv_round: { da: "APV-runder", en: "APV rounds" },
  apv_problem: { da: "APV-problemer", en: "APV problems" },
  unit_settings: { da: "Grænser", en: "Thresholds" },
  organisation_settings: { da: "Kompleksitetsvægte", en: "Complexity weights" },
  case_type: { da: "Sagstyper", en: "Case types" },
  emotional_flag: { da: "Følelsesmæssige markeringer", en: "Emotional-demand flags" },
  wellbeing_dimension: { da: "Trivselsdimensioner", en: "Wellbeing dimensions" },
  sso_mapping: { da: "Login-tilknytninger", en: "Sign-in mappings" },
  employee: { da: "Medarbejdere (persondata)", en: "Employees (personal data)" },
};

export function entityLabel(lang: Lang, entity: string): string {
  return AUDIT_ENTITY_LABELS[entity]?.[lang] ?? entity.replace(/_/g, " ");
}

/** An event nobody has worded yet: still a sentence, naming the action and the thing. */
const FALLBACK: AuditWording = {
  da: (f) => `udførte »${f.action.replace(/_/g, " ")}« på ${entityLabel("da", f.entity).toLowerCase()}${f.subject ? ` ${named("da", f.subject, null)}` : f.entityId ? ` #${f.entityId}` : ""}${inPlan("da", f)}`,
  en: (f) => `did “${f.action.replace(/_/g, " ")}” on ${entityLabel("en", f.entity).toLowerCase()}${f.subject ? ` ${named("en", f.subject, null)}` : f.entityId ? ` #${f.entityId}` : ""}${inPlan("en", f)}`,
};

function whoWords(lang: Lang, who: string | null): string {
  if (!who) return lang === "da" ? "Systemet" : "The system";
  if (who === "seed") return lang === "da" ? "Demodata" : "Demo data";
  const job = /^job:(.+)$/.exec(who);
  if (job) return lang === "da" ? `Jobbet ${job[1]}` : `The job ${job[1]}`;
  const cli = /^cli:(.+)$/.exec(who);
  if (cli) return lang === "da" ? `Kommandolinjen (${cli[1]})` : `The command line (${cli[1]})`;
  return who;
}

export function isWorded(entity: string, action: string): boolean {
  return `${entity}.${action}` in AUDIT_WORDING;
}

/** The whole sentence: who, then what they did. */
export function describeAudit(facts: AuditFacts, lang: Lang): string {
  const wording = AUDIT_WORDING[`${facts.entity}.${facts.action}`] ?? FALLBACK;
  let phrase: string;
  try {
    phrase = wording[lang](facts);
  } catch {
    // A stored snapshot of an unexpected shape must not take the page down.
    phrase = FALLBACK[lang](facts);
  }
  return `${whoWords(lang, facts.who)} ${phrase}`.replace(/\s+/g, " ").trim();
}
