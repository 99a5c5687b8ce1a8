// The action plans of the seeds as data: the two AT notices of 10 April 2025 (a cluster: unclear and
// conflicting demands; Døgnafdelingen: workload and time pressure with high emotional demands),
// with the five focus points the answer to the city council lists, and the local plans after the
// autumn-2024 wellbeing survey. Item status follows from today's date, so the demo reads right on
// any day: what was to be finished by now is done (some verified), some items are overdue, and the
// ongoing follow-up falls due in the weeks after today.
import { addDays, diffDays } from "../../domain/calendar";
import type { ItemStatus } from "../schema";
import { AT_CLUSTER_CODE, DOEGN_CODE } from "./organisation";
import { shiftDanishDates, storyClock, type StoryClock } from "./story-clock";

/** The survey round the story's local plans answer, as their titles name it, and when the first was made. */
const STORY_FALL_LABEL = "efterår 2024";
const STORY_FALL_PLAN_DAY = "2024-12-10";
/** The round closed on 15 November 2024 in the story; the first plan came 25 days later. */
const STORY_DAYS_TO_PLAN = 25;

/** Who owns an item: a demo user (by role key) or a named person without a login. */
export type Owner = { user: "med" | "atManager" | "admin" } | { name: string };

export interface ItemSpec {
  title: string;
  owner: Owner;
  due: string;
  startedOn?: string;
  doneOn?: string;
  verifiedOn?: string;
  cancelledOn?: string;
  cancelReason?: string;
  evidence?: string;
}

export interface PlanSpec {
  key: string;
  unitCode: string;
  committee: CommitteeKey;
  title: string;
  description: string;
  source:
    | { kind: "at_decision"; reference: string; visit: string; decision: string; deadline: string; themes: ("workload_time_pressure" | "unclear_conflicting_demands" | "emotional_demands")[]; reportedBackOn?: string }
    | { kind: "survey"; round: string; createdOn: string };
  focusPoints: { title: string; description?: string; items: ItemSpec[] }[];
  reviews: { date: string; decisions: string; attendees: string; next?: string }[];
  /** The day the committee closed the plan, when it did. */
  closedOn?: string;
}

export type CommitteeKey = "fc-med" | "doegn-amg" | "uc-med";

export const COMMITTEES: { key: CommitteeKey; name: string; kind: "med" | "amg"; unitCode: string }[] = [
  { key: "fc-med", name: "MED-udvalg Familiecentret", kind: "med", unitCode: "FC" },
  { key: "doegn-amg", name: "Arbejdsmiljøgruppe Døgnafdelingen", kind: "amg", unitCode: DOEGN_CODE },
  { key: "uc-med", name: "MED-udvalg Ungecentret", kind: "med", unitCode: "UC" },
];

export interface ItemState {
  status: ItemStatus;
  doneOn: string | null;
  verifiedOn: string | null;
}

/** An item's state as of today: only what has happened by today counts. */
export function itemStateOn(item: ItemSpec, today: string): ItemState {
  if (item.cancelledOn && item.cancelledOn <= today) return { status: "cancelled", doneOn: null, verifiedOn: null };
  if (item.doneOn && item.doneOn <= today) {
    const verified = item.verifiedOn !== undefined && item.verifiedOn <= today;
    return { status: verified ? "verified" : "done", doneOn: item.doneOn, verifiedOn: verified ? item.verifiedOn! : null };
  }
  if (item.startedOn && item.startedOn <= today) return { status: "in_progress", doneOn: null, verifiedOn: null };
  return { status: "planned", doneOn: null, verifiedOn: null };
}

/** The item's moves along the status machine up to today, oldest first. */
export function itemHistory(item: ItemSpec, today: string): { day: string; status: ItemStatus }[] {
  const steps: { day: string | undefined; status: ItemStatus }[] = [
    { day: item.startedOn, status: "in_progress" },
    { day: item.doneOn, status: "done" },
    { day: item.verifiedOn, status: "verified" },
    { day: item.cancelledOn, status: "cancelled" },
  ];
  const happened = steps.filter((s): s is { day: string; status: ItemStatus } => s.day !== undefined && s.day <= today);
  return happened.sort((a, b) => a.day.localeCompare(b.day));
}

/** The day a plan came into being; it is not seeded before that day. */
export function planCreatedOn(plan: PlanSpec): string {
  return plan.source.kind === "at_decision" ? plan.source.decision : plan.source.createdOn;
}

export function buildPlanSpecs(today: string, names: { atClusterLeader: string; doegnHead: string }): PlanSpec[] {
  // The ongoing follow-up falls due around the story day: one item of the demo manager this week,
  // one of theirs a few days overdue, the case-stop agreement weeks overdue (escalated).
  const soon = (days: number) => addDays(today, days);
  return [
    {
      key: "at-cluster",
      unitCode: AT_CLUSTER_CODE,
      committee: "fc-med",
      title: "Påbud om uklare og modstridende krav – Klynge Vest",
      description:
        "Arbejdstilsynets besøg 10.04.25 resulterede i et påbud om at adressere uklare og modstridende krav til medarbejderne. " +
        "Arbejdsmiljøudfordringerne kan påvirke kvaliteten i opgaveløsningen og dermed potentielt true retssikkerheden for børn og " +
        "familier i alvorlige sager. Tiltag iværksat efter trivselsmålingen blev vurderet som utilstrækkelige.",
      source: {
        kind: "at_decision", reference: "AT-2025-14872", visit: "2025-04-10", decision: "2025-04-24", deadline: "2025-10-15",
        themes: ["unclear_conflicting_demands"], reportedBackOn: "2025-10-10",
      },
      focusPoints: [
        {
          title: "Tydeliggørelse af roller og arbejdsgange",
          items: [
            { title: "Rollebeskrivelse for myndighedsrådgivere og tovholdere i klyngen", owner: { user: "atManager" }, due: "2025-06-15", startedOn: "2025-05-01", doneOn: "2025-06-10", verifiedOn: "2025-09-11", evidence: "Rollebeskrivelsen blev godkendt på klyngemødet 10.06.25 og lagt på intranettet." },
            { title: "Fælles arbejdsgang for modtagelse og fordeling af sager", owner: { name: names.atClusterLeader }, due: "2025-08-31", startedOn: "2025-06-01", doneOn: "2025-09-05", evidence: "Arbejdsgangsbeskrivelse v1.0 udsendt til alle teams 05.09.25." },
            { title: "Opgavefordeling efter kompleksitet: sager om tabt arbejdsfortjeneste kun til medarbejdere med kompetence", owner: { user: "atManager" }, due: soon(3), startedOn: "2025-06-15" },
          ],
        },
        {
          title: "Prioritering og styring af opgaver",
          items: [
            { title: "Ugentlig prioriteringstavle på teammødet", owner: { user: "atManager" }, due: "2025-05-31", startedOn: "2025-05-05", doneOn: "2025-05-20", verifiedOn: "2025-09-11", evidence: "Prioriteringstavlen bruges på alle teammøder siden 19.05.25." },
            { title: "Aftale om sagsstop ved mere end 25 sager pr. årsværk", owner: { name: "Centerledelsen, Familiecentret" }, due: "2025-08-31", startedOn: "2025-06-01" },
          ],
        },
        {
          title: "Faglige læringsrum og kollegial sparring",
          items: [
            { title: "Makkerskaber for alle nye medarbejdere", owner: { user: "atManager" }, due: "2025-08-15", startedOn: "2025-06-01", doneOn: "2025-08-20", evidence: "Seks makkerpar etableret; evalueres i december." },
            { title: "Første læringsmøde om tabt arbejdsfortjeneste med juridisk sparring", owner: { user: "atManager" }, due: soon(-3), startedOn: "2025-09-01" },
            { title: "Månedlige læringsmøder om tabt arbejdsfortjeneste", owner: { name: "Faglig koordinator, Klynge Vest" }, due: "2025-12-31" },
          ],
        },
        {
          title: "Involvering af arbejdsmiljøorganisationen",
          items: [
            { title: "Arbejdsmiljørepræsentanten deltager i alle opfølgningsmøder", owner: { user: "med" }, due: "2025-05-15", startedOn: "2025-05-01", doneOn: "2025-05-15", verifiedOn: "2025-06-12", evidence: "Fast punkt i mødeplanen; deltagelse noteret i referaterne." },
            { title: "APV-opfølgning i arbejdsmiljøgruppen", owner: { user: "med" }, due: soon(30), startedOn: "2025-09-01" },
          ],
        },
        {
          title: "Løbende opfølgning og dialog med Arbejdstilsynet",
          items: [
            { title: "Tilbagemelding til Arbejdstilsynet, underskrevet af ledelse og arbejdsmiljørepræsentant", owner: { name: names.atClusterLeader }, due: "2025-10-15", startedOn: "2025-09-15", doneOn: "2025-10-10", verifiedOn: "2025-10-20", evidence: "Tilbagemelding sendt 10.10.25; medarbejderne orienteret på personalemøde 09.10.25." },
            { title: "Opfølgende trivselsmåling i klyngen og status til MED-udvalget", owner: { user: "med" }, due: soon(45) },
            { title: "Ekstern konsulent til procesforløb", owner: { name: names.atClusterLeader }, due: "2025-09-01", startedOn: "2025-05-15", cancelledOn: "2025-07-01", cancelReason: "Erstattet af intern proceskonsulent (ansættelses- og forbrugsstop fra 1. juli 2025)." },
          ],
        },
      ],
      reviews: [
        { date: "2025-06-12", attendees: "MED-udvalget, klyngeleder, arbejdsmiljørepræsentant", decisions: "Status på alle fokuspunkter gennemgået. Rollebeskrivelsen godkendt. Sagsstop drøftes med centerledelsen.", next: "2025-09-11" },
        { date: "2025-09-11", attendees: "MED-udvalget, klyngeleder, arbejdsmiljørepræsentant", decisions: "Prioriteringstavle og rollebeskrivelse vurderet effektive. Aftale om sagsstop er forsinket; centerchefen følger op.", next: "2025-12-11" },
        { date: "2025-12-11", attendees: "MED-udvalget, klyngeleder", decisions: "Tilbagemelding til AT taget til efterretning. Læringsmøder om tabt arbejdsfortjeneste skal i gang inden februar.", next: "2026-03-12" },
      ],
    },
    {
      key: "at-doegn",
      unitCode: DOEGN_CODE,
      committee: "doegn-amg",
      title: "Påbud om arbejdsmængde og tidspres med høje følelsesmæssige krav – Døgnafdelingen",
      description:
        "Døgnafdelingen arbejder med anbringelsessager: screening, afdækning og børnefaglige undersøgelser, indstilling til " +
        "børne- og ungeudvalget og opstart af anbringelse. Konklusioner: arbejdstempoet og -mængden er for højt, og arbejdet med " +
        "høje følelsesmæssige krav skal intensiveres.",
      source: {
        kind: "at_decision", reference: "AT-2025-14873", visit: "2025-04-10", decision: "2025-04-24", deadline: "2025-11-30",
        themes: ["workload_time_pressure", "emotional_demands"], reportedBackOn: "2025-11-27",
      },
      focusPoints: [
        {
          title: "Arbejdsmængde og tidspres",
          items: [
            { title: "Kortlægning af sager pr. årsværk i de tre døgnteams", owner: { name: names.doegnHead }, due: "2025-06-30", startedOn: "2025-05-01", doneOn: "2025-06-25", verifiedOn: "2025-09-04", evidence: "Kortlægning fremlagt på sparringsmødet 25.06.25." },
            { title: "Midlertidig omfordeling af undersøgelser ved overbelastning", owner: { name: names.doegnHead }, due: "2025-09-30", startedOn: "2025-07-01" },
            { title: "Prioriteringsmodel for indstillinger til børne- og ungeudvalget", owner: { user: "admin" }, due: "2025-10-31", startedOn: "2025-08-01", doneOn: "2025-11-14", evidence: "Model vedtaget på ledermødet 14.11.25." },
          ],
        },
        {
          title: "Høje følelsesmæssige krav",
          items: [
            { title: "Temadag: handleplanen gøres færdig", owner: { name: names.doegnHead }, due: "2025-08-29", startedOn: "2025-06-15", doneOn: "2025-08-29", verifiedOn: "2025-09-04", evidence: "Hel dag afholdt 29.08.25 med alle medarbejdere; handleplanen igangsat derefter." },
            { title: "Supervision hver fjerde uge for alle rådgivere", owner: { name: names.doegnHead }, due: "2025-09-30", startedOn: "2025-09-01", doneOn: "2025-09-26", verifiedOn: "2025-12-04", evidence: "Supervisionsaftale med ekstern supervisor; fremmøde 92 %." },
            { title: "Fast debriefing efter anbringelser uden samtykke", owner: { name: names.doegnHead }, due: "2025-10-15", startedOn: "2025-09-01", doneOn: "2025-10-01", evidence: "Debriefing-procedure beskrevet og brugt i 7 sager." },
          ],
        },
        {
          title: "Løbende opfølgning og dialog med Arbejdstilsynet",
          items: [
            { title: "Tilbagemelding til Arbejdstilsynet", owner: { name: names.doegnHead }, due: "2025-11-30", startedOn: "2025-11-01", doneOn: "2025-11-27", evidence: "Tilbagemelding sendt 27.11.25, underskrevet af afdelingsleder og arbejdsmiljørepræsentant." },
            { title: "Kvartalsvis status på sagstal til arbejdsmiljøgruppen", owner: { user: "med" }, due: soon(14), startedOn: soon(-8) },
          ],
        },
      ],
      reviews: [
        { date: "2025-09-04", attendees: "Arbejdsmiljøgruppen, afdelingsleder", decisions: "Handleplanen fra temadagen godkendt. Omfordeling af undersøgelser afventer aftale med Ungecentret.", next: "2025-12-04" },
        { date: "2025-12-04", attendees: "Arbejdsmiljøgruppen, afdelingsleder, arbejdsmiljørepræsentant", decisions: "Supervision vurderet effektiv. Sagstallet er stadig over 25 pr. årsværk i to teams; status hvert kvartal.", next: "2026-03-05" },
      ],
    },
    {
      key: "survey-fc",
      unitCode: "FC",
      committee: "fc-med",
      title: "Handleplan efter trivselsmålingen efterår 2024 – Familiecentret",
      description: "Målingen viste en markant negativ udvikling i trivsel og social kapital. Fokus på at afbøde negative konsekvenser af høje følelsesmæssige krav.",
      source: { kind: "survey", round: "2024-efteraar", createdOn: "2024-12-10" },
      focusPoints: [
        {
          title: "Forebyggelse af høje følelsesmæssige krav",
          items: [
            { title: "Alle socialfaglige afdelinger gennemgår materialet om høje følelsesmæssige krav", owner: { user: "med" }, due: "2025-03-31", startedOn: "2025-01-10", doneOn: "2025-03-28", verifiedOn: "2025-04-07", evidence: "Alle afdelinger har gennemgået materialet fra Organisation & Ledelse." },
            { title: "Teamdialoger om trivselsresultaterne", owner: { user: "atManager" }, due: "2025-02-28", startedOn: "2025-01-10", doneOn: "2025-02-26" },
          ],
        },
        {
          title: "Social kapital og samarbejde",
          items: [
            { title: "Styrket prioritering af mødefora", owner: { name: "Centerledelsen, Familiecentret" }, due: "2025-06-30", startedOn: "2025-02-01", doneOn: "2025-06-20" },
          ],
        },
      ],
      reviews: [
        { date: "2025-04-07", attendees: "MED-udvalget", decisions: "Lokale handleplaner i alle afdelinger. Opfølgning ved næste trivselsmåling.", next: "2025-09-08" },
        { date: "2025-09-08", attendees: "MED-udvalget", decisions: "Alle indsatser er udført; planen afsluttes. Effekten følges ved næste trivselsmåling." },
      ],
      closedOn: "2025-09-08",
    },
    {
      key: "survey-uc",
      unitCode: "UC",
      committee: "uc-med",
      title: "Handleplan efter trivselsmålingen efterår 2024 – Ungecentret",
      description: "Forventningsafstemning og tydelig retning efter faldet i trivsel.",
      source: { kind: "survey", round: "2024-efteraar", createdOn: "2024-12-12" },
      focusPoints: [
        {
          title: "Forventningsafstemning og tydelig retning",
          items: [
            { title: "Fælles teamdag om opgaver og forventninger", owner: { name: "Centerchef, Ungecentret" }, due: "2025-05-31", startedOn: "2025-03-01", doneOn: "2025-05-22" },
          ],
        },
      ],
      reviews: [],
    },
  ];
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The specs on the demo's calendar: every date and every Danish date in the texts moved by the
 * clock's shift, AT's references numbered in the decision's year, and the survey plans answering
 * the round that showed the fall (null: no such round yet, and the survey plans are left out).
 */
export function shiftPlanSpecs(specs: PlanSpec[], clock: StoryClock, fall: { key: string; label: string; closedOn: string } | null): PlanSpec[] {
  const move = (value: unknown, by: StoryClock): unknown => {
    if (typeof value === "string") return ISO_DAY.test(value) ? by.day(value) : shiftDanishDates(value, by);
    if (Array.isArray(value)) return value.map((v) => move(v, by));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, move(v, by)]));
    return value;
  };
  // The survey plans follow their round: made as long after it closed as in the story.
  const surveyClock = fall === null ? null : storyClock(clock.today, diffDays(STORY_FALL_PLAN_DAY, addDays(fall.closedOn, STORY_DAYS_TO_PLAN)));
  return specs.flatMap((spec) => {
    if (spec.source.kind === "survey" && surveyClock === null) return [];
    const moved = move(spec, spec.source.kind === "survey" ? surveyClock! : clock) as PlanSpec;
    if (moved.source.kind === "at_decision") {
      moved.source.reference = moved.source.reference.replace(/^AT-\d{4}-/, `AT-${moved.source.decision.slice(0, 4)}-`);
    } else if (fall !== null) {
      moved.source.round = fall.key;
      moved.title = moved.title.replace(STORY_FALL_LABEL, fall.label);
    }
    return [moved];
  });
}
