// From a source's assignments (an engagement, an Opus employee record, an SD employment, each in
// one unit for a span of days) to the contract's employment periods: one period per employee, unit
// and span of unchanged role, FTE and manager status. Pure.
//
// - Two assignments of one person in one unit at the same time (a double engagement) are one period
//   with their FTEs summed; the role is that of the larger one.
// - Manager status comes from separate spells (OS2mo's Manager objects) or from the assignment.
// - A period that ends while the person is employed somewhere the next day ends as
//   `internal_transfer` (a move, or a change of FTE or manager status in the same unit); otherwise
//   with the reason the source gave, mapped, or `unknown`.
import type { EmploymentRole, EndReason } from "../db/schema";
import type { EmploymentRow } from "./contract";
import { addDays } from "./dates";
import { ConnectorError } from "./contract";

export interface Assignment {
  /** The source's id of this record, for error messages (never a CPR number). */
  recordId: string;
  employeeId: string;
  displayName?: string;
  unitCode: string;
  role: EmploymentRole;
  fte: number;
  from: string;
  /** Last day, inclusive; null = open. */
  to: string | null;
  isManager?: boolean;
  /** The reason the source gives for the end (already mapped to ours), if it gives one. */
  endReason?: EndReason | null;
}

export interface ManagerSpell {
  employeeId: string;
  unitCode: string;
  from: string;
  to: string | null;
}

const FAR = "9999-12-31";
const ROLE_ORDER: EmploymentRole[] = ["manager", "caseworker", "specialist", "psychologist", "health_visitor", "administrative", "other"];

const covers = (from: string, to: string | null, day: string) => from <= day && (to === null || day <= to);

/** FTE as the contract writes it: up to 4 decimals, point, no trailing zeros. */
export function formatFte(fte: number): string {
  return String(Math.round(fte * 10000) / 10000);
}

export function toEmploymentRows(assignments: Assignment[], managerSpells: ManagerSpell[] = []): EmploymentRow[] {
  for (const a of assignments) {
    if (a.to !== null && a.to < a.from) throw new ConnectorError("record", `ends (${a.to}) before it starts (${a.from})`, a.recordId);
    if (!(a.fte > 0)) throw new ConnectorError("record", "has no positive FTE", a.recordId);
  }
  const byEmployee = new Map<string, Assignment[]>();
  for (const a of assignments) {
    const list = byEmployee.get(a.employeeId);
    if (list) list.push(a);
    else byEmployee.set(a.employeeId, [a]);
  }
  const spellsOf = new Map<string, ManagerSpell[]>();
  for (const s of managerSpells) {
    const key = `${s.employeeId}\u0000${s.unitCode}`;
    const list = spellsOf.get(key);
    if (list) list.push(s);
    else spellsOf.set(key, [s]);
  }
  const rows: EmploymentRow[] = [];
  for (const [employeeId, own] of [...byEmployee].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const employedOn = (day: string) => own.some((a) => covers(a.from, a.to, day));
    const displayName = own.find((a) => a.displayName)?.displayName ?? "";
    const units = [...new Set(own.map((a) => a.unitCode))].sort();
    for (const unitCode of units) {
      const here = own.filter((a) => a.unitCode === unitCode);
      const spells = spellsOf.get(`${employeeId}\u0000${unitCode}`) ?? [];
      // Elementary spans: between consecutive boundaries (a start, or the day after an end).
      const cuts = new Set<string>();
      for (const a of here) {
        cuts.add(a.from);
        if (a.to !== null) cuts.add(addDays(a.to, 1));
      }
      for (const s of spells) {
        cuts.add(s.from);
        if (s.to !== null) cuts.add(addDays(s.to, 1));
      }
      const points = [...cuts].sort();
      type Segment = { from: string; to: string | null; role: EmploymentRole; fte: number; manager: boolean; ending: Assignment[] };
      const segments: Segment[] = [];
      for (let i = 0; i < points.length; i++) {
        const from = points[i];
        const next = points[i + 1];
        const to = next === undefined ? null : addDays(next, -1);
        const active = here.filter((a) => covers(a.from, a.to, from));
        if (active.length === 0) continue;
        const fte = active.reduce((sum, a) => sum + a.fte, 0);
        const lead = [...active].sort((a, b) => b.fte - a.fte || ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))[0];
        const manager = active.some((a) => a.isManager) || spells.some((s) => covers(s.from, s.to, from));
        // A span that runs to the end of time only when some active assignment is open.
        const segmentTo = to ?? (active.some((a) => a.to === null) ? null : active.map((a) => a.to as string).sort().at(-1)!);
        const ending = active.filter((a) => a.to !== null && a.to === segmentTo);
        const last = segments.at(-1);
        if (last && last.to !== null && addDays(last.to, 1) === from && last.role === lead.role && last.manager === manager && Math.abs(last.fte - fte) < 1e-9) {
          last.to = segmentTo;
          last.ending = ending;
        } else {
          segments.push({ from, to: segmentTo, role: lead.role, fte, manager, ending });
        }
      }
      for (const s of segments) {
        if (s.fte > 1.5 + 1e-9) throw new ConnectorError("record", `FTE ${formatFte(s.fte)} in ${unitCode} from ${s.from} is above 1.5`, here[0].recordId);
        let endReason: EndReason | "" = "";
        if (s.to !== null) {
          const nextDay = addDays(s.to, 1);
          if (employedOn(nextDay)) endReason = "internal_transfer";
          else endReason = s.ending.find((a) => a.endReason)?.endReason ?? "unknown";
        }
        rows.push({
          employee_id: employeeId,
          display_name: displayName,
          unit_code: unitCode,
          role: s.role,
          is_manager: s.manager ? "true" : "false",
          fte: formatFte(s.fte),
          start_date: s.from,
          end_date: s.to === null || s.to >= FAR ? "" : s.to,
          end_reason: s.to === null || s.to >= FAR ? "" : endReason,
        });
      }
    }
  }
  return rows;
}
