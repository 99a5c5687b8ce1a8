// The demo's APV rounds (arbejdspladsvurderinger), dated from the generator's "today" so the demo
// reads the same on any day: Familiecentret's round falls due for its three-year revision in about
// two months, Døgnafdelingen's revision is overdue, Klynge Nord's round is a year old. Each has
// problems with measure, responsible and deadline, some followed up.
import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { queryRows } from "../client";
import { addDays } from "../../domain/calendar";
import { addApvProblem, createApvRound, recordApvFollowUp } from "../commands/apv";
import type { DemoData } from "./generate";
import { DOEGN_CODE, OTHER_CLUSTER_CODE } from "./organisation";

interface ProblemSpec { problem: string; measure: string; responsible: string; deadline: number; followUp?: { after: number; note: string } }
interface RoundSpec {
  unitCode: string; title: string; daysAgo: number; method: "questionnaire" | "dialogue_meeting" | "interviews"; methodNote: string;
  sickness: string; problems: ProblemSpec[];
}

/** Days are counted from the round's date (deadlines) and from the deadline (follow-ups). */
const ROUNDS: RoundSpec[] = [
  {
    unitCode: "FC", title: "APV Familiecentret", daysAgo: 3 * 365 - 60, method: "questionnaire",
    methodNote: "Elektronisk spørgeskema til alle medarbejdere; svarprocent 81.",
    sickness: "Sygefraværet var 6,8 % mod 5,1 % året før, højest i myndighedsklyngerne. Fraværet blev drøftet i MED og indgik i vurderingen af arbejdsmængde og følelsesmæssige krav.",
    problems: [
      { problem: "Høj arbejdsmængde og tidspres i myndighedsklyngerne", measure: "Sagsfordeling efter kompleksitet og fast visitationsmøde hver uge", responsible: "Centerchef", deadline: 120, followUp: { after: 30, note: "Visitationsmødet holdes; sagstallet pr. rådgiver er faldet i tre af fire klynger." } },
      { problem: "Høje følelsesmæssige krav i udsatte-sager", measure: "Månedlig supervision og kollegial sparring", responsible: "Klyngeledere", deadline: 180, followUp: { after: 45, note: "Supervision i gang i alle klynger; evalueres i næste APV." } },
      { problem: "Uklare roller mellem myndighed og udfører", measure: "Rollebeskrivelser og fælles arbejdsgange", responsible: "Klyngeleder, Klynge Vest", deadline: 3 * 365 - 90 },
    ],
  },
  {
    unitCode: DOEGN_CODE, title: "APV Døgnafdelingen", daysAgo: 3 * 365 + 20, method: "dialogue_meeting",
    methodNote: "Dialogmøder i hvert team med arbejdsmiljørepræsentanten.",
    sickness: "Sygefraværet var 7,4 %, heraf en stor del langtidsfravær med stress som årsag.",
    problems: [
      { problem: "Vold og trusler ved anbringelser", measure: "Voldspolitik, kursus i konflikthåndtering og alarmer", responsible: "Afdelingsleder", deadline: 90, followUp: { after: 20, note: "Alle har gennemført kurset; alarmer opsat." } },
      { problem: "Nattevagter alene", measure: "To på nattevagt ved akutte anbringelser", responsible: "Afdelingsleder", deadline: 150 },
    ],
  },
  {
    unitCode: OTHER_CLUSTER_CODE, title: "APV Klynge Nord", daysAgo: 365, method: "interviews",
    methodNote: "Gruppeinterview med tre teams.",
    sickness: "Sygefraværet var 4,2 %, på niveau med året før.",
    problems: [
      { problem: "Støj og forstyrrelser i storrum", measure: "Stillezoner og lydabsorbenter", responsible: "Klyngeleder, Klynge Nord", deadline: 200 },
    ],
  },
];

const BY = { actor: "seed" };

export async function seedApv(db: Database, data: DemoData): Promise<{ rounds: number; problems: number }> {
  const units = await queryRows<{ id: number; code: string }>(db, sql`select id, code from units`);
  const idOf = new Map(units.map((u) => [u.code, u.id]));
  let rounds = 0;
  let problems = 0;
  for (const spec of ROUNDS) {
    const unitId = idOf.get(spec.unitCode);
    if (unitId === undefined) continue;
    const roundDate = addDays(data.today, -spec.daysAgo);
    const { id: roundId } = await createApvRound(db, {
      unitId, title: spec.title, roundDate, method: spec.method, methodNote: spec.methodNote, sicknessAbsenceNote: spec.sickness,
    }, BY, data.today);
    rounds++;
    for (const p of spec.problems) {
      const deadline = addDays(roundDate, p.deadline);
      const { id } = await addApvProblem(db, { roundId, problem: p.problem, measure: p.measure, responsible: p.responsible, deadline }, BY);
      problems++;
      const followUpOn = p.followUp ? addDays(deadline, p.followUp.after) : null;
      if (p.followUp && followUpOn! <= data.today) {
        await recordApvFollowUp(db, { problemId: id, followUpOn, followUpNote: p.followUp.note }, BY, data.today);
      }
    }
  }
  return { rounds, problems };
}
