// The mails' words: a view model per kind in (built by collect.ts from the pages' presenters), a
// subject, a plain-text part and an HTML part out, in the recipient's language. Pure: no I/O.
// Text and HTML come from one block list, so the two parts always say the same.
import type { RiskSignalKind } from "../../domain/risk";
import type { ApvRevisionStage } from "../../domain/apv";
import { MAIL_KIND_LABELS, type MailKind, type MailLang } from "./kinds";
import { formatDate, formatLimit, formatNumber } from "../../domain/format";

export interface ReminderItem {
  itemId: number;
  title: string;
  planId: number;
  planTitle: string;
  dueDate: string;
  /** Days past the due date (negative: days left). */
  daysLate: number;
  /** Only in escalations: who is responsible (the committee sees the plan and its owners). */
  ownerLabel?: string | null;
}

export interface ReminderMail {
  kind: "due_soon" | "overdue" | "escalated";
  items: ReminderItem[];
}

import type { Status as TeamStatus } from "../../domain/status";
export type OverFigure = "casesPerFte" | "weightedLoad" | "emotionalShare" | "turnover";

export interface DigestTeam {
  unitId: number;
  name: string;
  /** Null when the week has no figures (not aggregated yet). */
  status: TeamStatus | null;
  casesPerFte: number | null;
  weightedLoadPerFte: number | null;
  emotionalSharePct: number | null;
  weeksOverOfLast6: number | null;
  over: { figure: OverFigure; value: number | null; limit: number }[];
  itemsDue: { itemId: number; planId: number; planTitle: string; title: string; dueDate: string; daysLate: number; owner: string | null }[];
  newSignals: RiskSignalKind[];
}

export interface ManagerDigest {
  kind: "manager_digest";
  /** The Monday of the reported week (the last complete ISO week). */
  weekMonday: string;
  weekLabel: string;
  teams: DigestTeam[];
  /** Green teams without anything due, left out of a long list and only counted. */
  quietTeams: number;
}

export interface MedDigestPlan {
  id: number;
  title: string;
  unitName: string;
  deadline: string | null;
  daysToDeadline: number | null;
  done: number;
  total: number;
  changesSinceReview: number;
  overdue: { title: string; ownerLabel: string | null; daysLate: number }[];
  dueSoon: { title: string; ownerLabel: string | null; dueDate: string }[];
}

export interface MedDigest {
  kind: "med_digest";
  committeeId: number;
  committeeName: string;
  meetingDate: string;
  plans: MedDigestPlan[];
}


/** One unit's latest APV round nearing (or past) its three-year revision (BEK 1838 § 2). */
export interface ApvRevisionMail {
  kind: "apv_revision";
  stage: ApvRevisionStage;
  roundId: number;
  unitName: string;
  roundDate: string;
  revisionDue: string;
  /** Days from today to the revision date: negative when overdue. */
  daysLeft: number;
}

export type MailModel = ReminderMail | ManagerDigest | MedDigest | ApvRevisionMail;

export interface Recipient {
  userId: number;
  displayName: string;
  lang: MailLang;
}

export interface MailLinks {
  appUrl: string;
  unsubscribeUrl: string;
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

type Line = { text: string; href?: string; strong?: string };
type Block = { kind: "p"; text: string } | { kind: "h"; text: string } | { kind: "list"; items: Line[] };

interface MailContent {
  subject: string;
  blocks: Block[];
  action: { label: string; href: string };
}

/** Dates and figures read as on the pages (domain/format.ts), so a mail and the page it links to agree. */
export function mailDate(lang: MailLang, iso: string): string {
  return formatDate(lang, iso);
}

const WORDS = {
  da: {
    hello: (name: string) => `Kære ${name}`,
    days: (n: number) => `${n} ${n === 1 ? "dag" : "dage"}`,
    dueIn: (date: string, left: number) => `frist ${date}${left === 0 ? " (i dag)" : ` (om ${left} ${left === 1 ? "dag" : "dage"})`}`,
    late: (date: string, n: number) => `frist ${date}, ${n} ${n === 1 ? "dag" : "dage"} over`,
    owner: (o: string | null | undefined) => `ansvarlig: ${o ?? "ingen"}`,
    inPlan: (p: string) => `i handleplanen »${p}«`,
    dueSoonSubject: (n: number) => `${n} ${n === 1 ? "indsats har" : "indsatser har"} frist inden for 7 dage`,
    dueSoonIntro: "Disse indsatser, som du er ansvarlig for, har frist inden for den kommende uge:",
    overdueSubject: (n: number) => `${n} ${n === 1 ? "indsats er" : "indsatser er"} over fristen`,
    overdueIntro: "Disse indsatser, som du er ansvarlig for, er over fristen. Opdatér status, eller aftal en ny frist:",
    escalatedSubject: (n: number) => `Udvalget: ${n} ${n === 1 ? "indsats er" : "indsatser er"} en uge over fristen`,
    escalatedIntro: "Disse indsatser i udvalgets handleplaner er mindst 7 dage over fristen. Tag dem op på næste møde, eller kontakt den ansvarlige:",
    openPlans: "Åbn handleplanerne",
    digestSubject: (week: string) => `Mandagsoversigt, uge ${week}`,
    digestIntro: (week: string, from: string, to: string) => `Sådan gik uge ${week} (${from}–${to}) for dine teams.`,
    status: { green: "Grøn", amber: "Gul", red: "Rød" } as Record<TeamStatus, string>,
    nothingOver: "intet over grænserne",
    noFigures: "Ingen tal for ugen endnu",
    figures: (c: string, w: string, e: string) => `${c} sager pr. årsværk · vægtet belastning ${w} · ${e} % med følelsesmæssige krav`,
    weeksOver: (n: number) => `over en grænse i ${n} af de seneste 6 uger`,
    overTitle: "Over grænsen",
    over: { casesPerFte: "sager pr. årsværk", weightedLoad: "vægtet belastning pr. årsværk", emotionalShare: "andel sager med følelsesmæssige krav (%)", turnover: "personaleomsætning, 12 mdr. (%)" } as Record<OverFigure, string>,
    overLine: (what: string, value: string, limit: string) => `${what}: ${value} (grænse ${limit})`,
    itemsDueTitle: "Indsatser med frist inden for 7 dage eller over fristen",
    signalsTitle: "Nye risikosignaler",
    signals: {
      workload_emotional: "Arbejdsmængde og tidspres med høje følelsesmæssige krav",
      unclear_demands: "Uklare og modstridende krav",
      turnover: "Personaleomsætning",
    } as Record<RiskSignalKind, string>,
    quiet: (n: number) => `${n} ${n === 1 ? "andet team er" : "andre teams er"} grønne uden indsatser med frist.`,
    noTeams: "Du har ingen teams i din oversigt.",
    openTeam: "Åbn teamsiden",
    openOverview: "Åbn oversigten",
    medSubject: (committee: string, date: string) => `${committee}: møde ${date}`,
    medIntro: (committee: string, date: string) => `${committee} mødes ${date}. Her er de handleplaner, udvalget følger:`,
    medPlan: (unit: string, done: number, total: number) => `${unit} · ${done} af ${total} indsatser udført`,
    deadlineIn: (date: string, days: number) => days < 0 ? `AT-frist ${date} (overskredet med ${-days} ${days === -1 ? "dag" : "dage"})` : `AT-frist ${date} (om ${days} ${days === 1 ? "dag" : "dage"})`,
    changes: (n: number) => `${n} ${n === 1 ? "ændring" : "ændringer"} siden seneste gennemgang`,
    overdueLine: (t: string, o: string | null, n: number) => `Over fristen: »${t}« (${o ?? "ingen ansvarlig"}, ${n} ${n === 1 ? "dag" : "dage"})`,
    dueSoonLine: (t: string, o: string | null, d: string) => `Frist snart: »${t}« (${o ?? "ingen ansvarlig"}, ${d})`,
    noPlans: "Udvalget har ingen åbne handleplaner.",
    openMeeting: "Åbn mødevisningen",
    apvSubject: (unit: string, due: string, overdue: boolean) => overdue ? `APV for ${unit}: revisionen er overskredet (frist ${due})` : `APV for ${unit}: skal revideres senest ${due}`,
    apvIntro: (unit: string, round: string) => `Arbejdspladsvurderingen (APV) for ${unit} blev gennemført ${round}. En APV skal revideres, når arbejdet ændrer sig, og mindst hvert tredje år (BEK nr. 1838 af 14.12.2023, § 2).`,
    apvDue: (due: string, left: number) => left === 0 ? `Fristen for revisionen er i dag, ${due}.` : `Fristen for revisionen er ${due}, om ${left} ${left === 1 ? "dag" : "dage"}.`,
    apvLate: (due: string, late: number) => `Fristen for revisionen var ${due}: den er overskredet med ${late} ${late === 1 ? "dag" : "dage"}.`,
    apvTodo: "Planlæg den nye kortlægning sammen med arbejdsmiljøorganisationen, og registrér runden med dato, metode og sygefravær, når den er gennemført.",
    apvLine: (round: string, due: string) => ` · runde ${round}, revideres senest ${due}`,
    openApv: "Åbn APV'en",
    footer: "Du får denne mail fra Arbejdsmiljø og belastning.",
    unsubscribe: (kind: string) => `Afmeld »${kind}«`,
    settings: "Vælg dine mails under Notifikationer",
  },
  en: {
    hello: (name: string) => `Dear ${name}`,
    days: (n: number) => `${n} ${n === 1 ? "day" : "days"}`,
    dueIn: (date: string, left: number) => `due ${date}${left === 0 ? " (today)" : ` (in ${left} ${left === 1 ? "day" : "days"})`}`,
    late: (date: string, n: number) => `due ${date}, ${n} ${n === 1 ? "day" : "days"} overdue`,
    owner: (o: string | null | undefined) => `responsible: ${o ?? "nobody"}`,
    inPlan: (p: string) => `in the action plan “${p}”`,
    dueSoonSubject: (n: number) => `${n} action ${n === 1 ? "item is" : "items are"} due within 7 days`,
    dueSoonIntro: "These action items you are responsible for are due within the coming week:",
    overdueSubject: (n: number) => `${n} action ${n === 1 ? "item is" : "items are"} overdue`,
    overdueIntro: "These action items you are responsible for are overdue. Update their status, or agree a new due date:",
    escalatedSubject: (n: number) => `Committee: ${n} action ${n === 1 ? "item is" : "items are"} a week overdue`,
    escalatedIntro: "These action items in the committee's plans are at least 7 days overdue. Raise them at the next meeting, or contact the person responsible:",
    openPlans: "Open the action plans",
    digestSubject: (week: string) => `Monday digest, week ${week}`,
    digestIntro: (week: string, from: string, to: string) => `How week ${week} (${from}–${to}) went for your teams.`,
    status: { green: "Green", amber: "Amber", red: "Red" } as Record<TeamStatus, string>,
    nothingOver: "nothing over the thresholds",
    noFigures: "No figures for the week yet",
    figures: (c: string, w: string, e: string) => `${c} cases per FTE · weighted load ${w} · ${e} % with emotional demands`,
    weeksOver: (n: number) => `over a threshold in ${n} of the last 6 weeks`,
    overTitle: "Over the threshold",
    over: { casesPerFte: "cases per FTE", weightedLoad: "weighted load per FTE", emotionalShare: "share of cases with emotional demands (%)", turnover: "staff turnover, 12 months (%)" } as Record<OverFigure, string>,
    overLine: (what: string, value: string, limit: string) => `${what}: ${value} (threshold ${limit})`,
    itemsDueTitle: "Action items due within 7 days or overdue",
    signalsTitle: "New risk signals",
    signals: {
      workload_emotional: "Workload and time pressure with high emotional demands",
      unclear_demands: "Unclear and conflicting demands",
      turnover: "Staff turnover",
    } as Record<RiskSignalKind, string>,
    quiet: (n: number) => `${n} other ${n === 1 ? "team is" : "teams are"} green with nothing due.`,
    noTeams: "You have no teams in your overview.",
    openTeam: "Open the team page",
    openOverview: "Open the overview",
    medSubject: (committee: string, date: string) => `${committee}: meeting ${date}`,
    medIntro: (committee: string, date: string) => `${committee} meets on ${date}. These are the action plans the committee follows:`,
    medPlan: (unit: string, done: number, total: number) => `${unit} · ${done} of ${total} action items done`,
    deadlineIn: (date: string, days: number) => days < 0 ? `AT deadline ${date} (passed ${-days} ${days === -1 ? "day" : "days"} ago)` : `AT deadline ${date} (in ${days} ${days === 1 ? "day" : "days"})`,
    changes: (n: number) => `${n} ${n === 1 ? "change" : "changes"} since the last review`,
    overdueLine: (t: string, o: string | null, n: number) => `Overdue: “${t}” (${o ?? "nobody responsible"}, ${n} ${n === 1 ? "day" : "days"})`,
    dueSoonLine: (t: string, o: string | null, d: string) => `Due soon: “${t}” (${o ?? "nobody responsible"}, ${d})`,
    noPlans: "The committee has no open action plans.",
    openMeeting: "Open the meeting view",
    apvSubject: (unit: string, due: string, overdue: boolean) => overdue ? `APV for ${unit}: the revision is overdue (due ${due})` : `APV for ${unit}: to be revised by ${due}`,
    apvIntro: (unit: string, round: string) => `The workplace assessment (APV) for ${unit} was carried out on ${round}. An APV must be revised when the work changes, and at least every third year (Executive Order no. 1838 of 14 Dec 2023, § 2).`,
    apvDue: (due: string, left: number) => left === 0 ? `The revision is due today, ${due}.` : `The revision is due on ${due}, in ${left} ${left === 1 ? "day" : "days"}.`,
    apvLate: (due: string, late: number) => `The revision was due on ${due}: it is ${late} ${late === 1 ? "day" : "days"} overdue.`,
    apvTodo: "Plan the new assessment with the work environment organisation, and record the round with its date, method and sickness absence once it is done.",
    apvLine: (round: string, due: string) => ` · round of ${round}, to be revised by ${due}`,
    openApv: "Open the APV",
    footer: "You receive this mail from Arbejdsmiljø og belastning.",
    unsubscribe: (kind: string) => `Unsubscribe from “${kind}”`,
    settings: "Choose your mails under Notifications",
  },
};

function url(appUrl: string, path: string): string {
  return `${appUrl.replace(/\/$/, "")}${path}`;
}

function reminderContent(model: ReminderMail, lang: MailLang, appUrl: string): MailContent {
  const w = WORDS[lang];
  const n = model.items.length;
  const subject = model.kind === "due_soon" ? w.dueSoonSubject(n) : model.kind === "overdue" ? w.overdueSubject(n) : w.escalatedSubject(n);
  const intro = model.kind === "due_soon" ? w.dueSoonIntro : model.kind === "overdue" ? w.overdueIntro : w.escalatedIntro;
  const items: Line[] = model.items.map((i) => {
    const when = i.daysLate > 0 ? w.late(mailDate(lang, i.dueDate), i.daysLate) : w.dueIn(mailDate(lang, i.dueDate), -i.daysLate);
    const owner = model.kind === "escalated" ? `, ${w.owner(i.ownerLabel)}` : "";
    return { strong: i.title, text: ` ${w.inPlan(i.planTitle)}: ${when}${owner}`, href: url(appUrl, `/plans/${i.planId}#item-${i.itemId}`) };
  });
  const plans = [...new Set(model.items.map((i) => i.planId))];
  return {
    subject,
    blocks: [{ kind: "p", text: intro }, { kind: "list", items }],
    action: { label: w.openPlans, href: url(appUrl, plans.length === 1 ? `/plans/${plans[0]}` : "/plans") },
  };
}

function digestContent(model: ManagerDigest, lang: MailLang, appUrl: string): MailContent {
  const w = WORDS[lang];
  const week = model.weekLabel.replace(/^(\d{4})-W0?(\d+)$/, "$2, $1");
  const sunday = new Date(Date.parse(`${model.weekMonday}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  const blocks: Block[] = [{ kind: "p", text: w.digestIntro(week, mailDate(lang, model.weekMonday), mailDate(lang, sunday)) }];
  if (model.teams.length === 0 && model.quietTeams === 0) blocks.push({ kind: "p", text: w.noTeams });
  for (const team of model.teams) {
    blocks.push({ kind: "h", text: team.name });
    const lines: Line[] = [];
    if (team.status === null) lines.push({ text: w.noFigures });
    else {
      lines.push({ strong: w.status[team.status], text: `: ${team.weeksOverOfLast6 ? w.weeksOver(team.weeksOverOfLast6) : w.nothingOver}` });
      lines.push({ text: w.figures(formatNumber(lang, team.casesPerFte), formatNumber(lang, team.weightedLoadPerFte), formatNumber(lang, team.emotionalSharePct)) });
    }
    for (const o of team.over) {
      lines.push({ strong: `${w.overTitle}: `, text: w.overLine(w.over[o.figure], formatNumber(lang, o.value), formatLimit(lang, o.limit)) });
    }
    for (const s of team.newSignals) lines.push({ strong: `${w.signalsTitle}: `, text: w.signals[s], href: url(appUrl, "/risk") });
    for (const i of team.itemsDue) {
      const when = i.daysLate > 0 ? w.late(mailDate(lang, i.dueDate), i.daysLate) : w.dueIn(mailDate(lang, i.dueDate), -i.daysLate);
      lines.push({ strong: i.title, text: ` ${w.inPlan(i.planTitle)}: ${when}, ${w.owner(i.owner)}`, href: url(appUrl, `/plans/${i.planId}#item-${i.itemId}`) });
    }
    lines.push({ text: w.openTeam, href: url(appUrl, `/team?unit=${team.unitId}`) });
    blocks.push({ kind: "list", items: lines });
  }
  if (model.quietTeams > 0) blocks.push({ kind: "p", text: w.quiet(model.quietTeams) });
  return { subject: w.digestSubject(week), blocks, action: { label: w.openOverview, href: url(appUrl, "/organisation") } };
}

function medContent(model: MedDigest, lang: MailLang, appUrl: string): MailContent {
  const w = WORDS[lang];
  const date = mailDate(lang, model.meetingDate);
  const blocks: Block[] = [{ kind: "p", text: w.medIntro(model.committeeName, date) }];
  if (model.plans.length === 0) blocks.push({ kind: "p", text: w.noPlans });
  for (const plan of model.plans) {
    blocks.push({ kind: "h", text: plan.title });
    const lines: Line[] = [{ text: w.medPlan(plan.unitName, plan.done, plan.total), href: url(appUrl, `/plans/${plan.id}`) }];
    if (plan.deadline && plan.daysToDeadline !== null) lines.push({ text: w.deadlineIn(mailDate(lang, plan.deadline), plan.daysToDeadline) });
    if (plan.changesSinceReview > 0) lines.push({ text: w.changes(plan.changesSinceReview) });
    for (const o of plan.overdue) lines.push({ text: w.overdueLine(o.title, o.ownerLabel, o.daysLate) });
    for (const d of plan.dueSoon) lines.push({ text: w.dueSoonLine(d.title, d.ownerLabel, mailDate(lang, d.dueDate)) });
    blocks.push({ kind: "list", items: lines });
  }
  return {
    subject: w.medSubject(model.committeeName, date),
    blocks,
    action: { label: w.openMeeting, href: url(appUrl, `/plans/meeting?committee=${model.committeeId}`) },
  };
}

function apvRevisionContent(model: ApvRevisionMail, lang: MailLang, appUrl: string): MailContent {
  const w = WORDS[lang];
  const due = mailDate(lang, model.revisionDue);
  const round = mailDate(lang, model.roundDate);
  const href = url(appUrl, `/apv/${model.roundId}`);
  return {
    subject: w.apvSubject(model.unitName, due, model.daysLeft < 0),
    blocks: [
      { kind: "p", text: w.apvIntro(model.unitName, round) },
      { kind: "p", text: model.daysLeft < 0 ? w.apvLate(due, -model.daysLeft) : w.apvDue(due, model.daysLeft) },
      { kind: "list", items: [{ strong: model.unitName, text: w.apvLine(round, due), href }] },
      { kind: "p", text: w.apvTodo },
    ],
    action: { label: w.openApv, href },
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function renderText(content: MailContent, recipient: Recipient, kind: MailKind, links: MailLinks): string {
  const w = WORDS[recipient.lang];
  const out: string[] = [`${w.hello(recipient.displayName)}`, ""];
  for (const block of content.blocks) {
    if (block.kind === "p") out.push(block.text, "");
    else if (block.kind === "h") out.push(block.text, "-".repeat(Math.min(72, block.text.length)));
    else {
      for (const line of block.items) out.push(`- ${line.strong ?? ""}${line.text}${line.href ? `\n  ${line.href}` : ""}`);
      out.push("");
    }
  }
  out.push(`${content.action.label}: ${content.action.href}`, "", "--", w.footer,
    `${w.unsubscribe(MAIL_KIND_LABELS[kind][recipient.lang])}: ${links.unsubscribeUrl}`,
    `${w.settings}: ${url(links.appUrl, "/notifications#mail-settings")}`);
  return `${out.join("\n")}\n`;
}

function renderHtml(content: MailContent, recipient: Recipient, kind: MailKind, links: MailLinks): string {
  const w = WORDS[recipient.lang];
  const e = escapeHtml;
  // Inline styles only (mail clients drop <style>); colours meet 4.5:1 on white.
  const body: string[] = [`<p style="margin:0 0 12px">${e(w.hello(recipient.displayName))}</p>`];
  for (const block of content.blocks) {
    if (block.kind === "p") body.push(`<p style="margin:0 0 12px">${e(block.text)}</p>`);
    else if (block.kind === "h") body.push(`<h2 style="font-size:17px;margin:20px 0 6px;color:#1d3557">${e(block.text)}</h2>`);
    else {
      body.push(`<ul style="margin:0 0 12px;padding-left:20px">${block.items.map((line) => {
        const inner = `${line.strong ? `<strong>${e(line.strong)}</strong>` : ""}${e(line.text)}`;
        return `<li style="margin:0 0 4px">${line.href ? `<a href="${e(line.href)}" style="color:#1d4ed8">${inner}</a>` : inner}</li>`;
      }).join("")}</ul>`);
    }
  }
  body.push(`<p style="margin:20px 0"><a href="${e(content.action.href)}" style="background:#1d3557;color:#ffffff;padding:10px 16px;border-radius:4px;text-decoration:none;display:inline-block">${e(content.action.label)}</a></p>`);
  body.push(`<hr style="border:none;border-top:1px solid #d0d5dd;margin:24px 0 12px">`);
  body.push(`<p style="font-size:13px;color:#4b5563;margin:0 0 6px">${e(w.footer)}</p>`);
  body.push(`<p style="font-size:13px;color:#4b5563;margin:0"><a href="${e(links.unsubscribeUrl)}" style="color:#1d4ed8">${e(w.unsubscribe(MAIL_KIND_LABELS[kind][recipient.lang]))}</a> · <a href="${e(url(links.appUrl, "/notifications#mail-settings"))}" style="color:#1d4ed8">${e(w.settings)}</a></p>`);
  return `<!doctype html><html lang="${recipient.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(content.subject)}</title></head>`
    + `<body style="margin:0;padding:24px;background:#ffffff;color:#111827;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.45">`
    + `<div style="max-width:640px;margin:0 auto">${body.join("\n")}</div></body></html>`;
}

export function composeMail(model: MailModel, recipient: Recipient, links: MailLinks): ComposedMail {
  const content = model.kind === "manager_digest" ? digestContent(model, recipient.lang, links.appUrl)
    : model.kind === "med_digest" ? medContent(model, recipient.lang, links.appUrl)
      : model.kind === "apv_revision" ? apvRevisionContent(model, recipient.lang, links.appUrl)
      : reminderContent(model, recipient.lang, links.appUrl);
  return {
    subject: content.subject,
    text: renderText(content, recipient, model.kind, links),
    html: renderHtml(content, recipient, model.kind, links),
  };
}
