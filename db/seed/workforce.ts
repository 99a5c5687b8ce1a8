// Staff over time: every position of every unit is held by a chain of people. Each month a holder
// may leave (more often in 2024, and team managers in Familiecentret far more often), move to a
// vacant position in another team (an internal transfer), or, as a team manager, step down and stay
// on as a caseworker. Vacancies are refilled after a gap that grows in 2024 and under the hiring
// freeze from 1 July 2025. Two teams in each cluster share one psychologist half-and-half.
import type { EmploymentRole, EndReason } from "../schema";
import { addDays, addMonths, monthEnd } from "../../domain/calendar";
import { Random } from "./random";
import { FIRST_NAMES, SURNAMES } from "./names";
import { AT_CLUSTER_CODE, TEAM_SLOTS, type DemoUnit } from "./organisation";

export interface DemoEmployee {
  id: string;
  name: string;
}

export interface DemoEmployment {
  employeeId: string;
  unitCode: string;
  role: EmploymentRole;
  isManager: boolean;
  fte: number;
  start: string;
  end: string | null;
  endReason: EndReason | null;
}

export interface Workforce {
  employees: DemoEmployee[];
  /** As the HR export shows them (from HISTORY_START). */
  employments: DemoEmployment[];
  /** With the true hire dates, for assigning the cases that started before the export window. */
  fullHistory: DemoEmployment[];
  /** Who holds each manager position today (null while it is vacant). */
  currentManagers: Map<string, string | null>;
}

interface Holding {
  employeeId: string;
  start: string;
}

interface Slot {
  units: string[];
  role: EmploymentRole;
  /** Per unit; a shared slot splits its FTE between its units. */
  fte: number;
  centre: string;
  pressured: boolean;
  teamManager: boolean;
  holder: Holding | null;
  fillOn: string | null;
}

export const DATA_START = "2021-01-01";
/**
 * The exports reach back one year before the data the product is about, so rolling 12-month
 * figures and before/after comparisons are whole from 2021; older history is cut off here, as a
 * real export window would, which also keeps every rollup from starting years earlier than needed.
 */
export const HISTORY_START = "2020-01-01";
const HIRING_FREEZE = "2025-07-01";

// Calmer after the 2024 peak; from 2026 the hiring freeze also keeps people where they are.
const STAFF_HAZARD: Record<number, number> = { 2021: 0.011, 2022: 0.012, 2023: 0.013, 2024: 0.022, 2025: 0.015 };
const LATER_STAFF_HAZARD = 0.008;
const FC_MANAGER_HAZARD: Record<number, number> = { 2024: 0.036, 2025: 0.02 };

function centreOf(code: string, byCode: Map<string, DemoUnit>): string {
  let u = byCode.get(code);
  while (u && u.kind !== "centre" && u.parentCode) u = byCode.get(u.parentCode);
  return u?.code ?? code;
}

function buildSlots(units: DemoUnit[]): Slot[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const slots: Slot[] = [];
  const sharedPsychologist = new Map<string, Slot>();
  for (const u of units) {
    const centre = centreOf(u.code, byCode);
    const pressured = u.profile === "doegn" || u.profile === "ydelse" || u.parentCode === AT_CLUSTER_CODE;
    if (u.kind !== "team") {
      // One leader per level (area director, centre chief, department head, cluster leader).
      if (u.kind !== "organisation") {
        slots.push({ units: [u.code], role: "manager", fte: 1, centre, pressured: false, teamManager: false, holder: null, fillOn: null });
      }
      continue;
    }
    const clusterTeams = units.filter((t) => t.kind === "team" && t.parentCode === u.parentCode && u.profile === "district");
    for (const plan of TEAM_SLOTS[u.profile!]) {
      const lastTwo = clusterTeams.slice(-2).map((t) => t.code);
      if (plan.role === "psychologist" && lastTwo.length === 2 && lastTwo.includes(u.code)) {
        const existing = sharedPsychologist.get(u.parentCode!);
        if (existing) {
          existing.units.push(u.code);
          continue;
        }
        const shared: Slot = { units: [u.code], role: "psychologist", fte: 0.5, centre, pressured, teamManager: false, holder: null, fillOn: null };
        sharedPsychologist.set(u.parentCode!, shared);
        slots.push(shared);
        continue;
      }
      slots.push({
        units: [u.code], role: plan.role, fte: plan.fte, centre, pressured,
        teamManager: plan.role === "manager", holder: null, fillOn: null,
      });
    }
  }
  return slots;
}

function monthlyHazard(slot: Slot, year: number): number {
  if (slot.role === "manager") {
    if (slot.centre === "FC") return FC_MANAGER_HAZARD[year] ?? 0.009;
    return 0.008;
  }
  const base = STAFF_HAZARD[year] ?? LATER_STAFF_HAZARD;
  return slot.pressured && year >= 2024 ? base * 1.3 : base;
}

function vacancyGapDays(random: Random, vacatedOn: string): number {
  if (vacatedOn >= addDays(HIRING_FREEZE, -60)) return random.int(120, 270);
  if (vacatedOn >= "2024-01-01" && vacatedOn < "2025-01-01") return random.int(45, 130);
  return random.int(25, 95);
}

export function generateWorkforce(units: DemoUnit[], today: string, random: Random): Workforce {
  const slots = buildSlots(units);
  const employees: DemoEmployee[] = [];
  const employments: DemoEmployment[] = [];

  const newEmployee = (): string => {
    const id = `HR${10001 + employees.length}`;
    employees.push({ id, name: `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}` });
    return id;
  };
  const close = (slot: Slot, end: string, reason: EndReason) => {
    const holder = slot.holder!;
    for (const unitCode of slot.units) {
      employments.push({
        employeeId: holder.employeeId, unitCode, role: slot.role, isManager: slot.role === "manager",
        fte: slot.fte, start: holder.start, end, endReason: reason,
      });
    }
    slot.holder = null;
  };

  // Everyone in post on the first day of the data was hired some time in the decade before.
  for (const slot of slots) slot.holder = { employeeId: newEmployee(), start: addDays("2010-01-04", random.int(0, 3980)) };

  for (let month = DATA_START; month <= today; month = addMonths(month, 1)) {
    const last = monthEnd(month) < today ? monthEnd(month) : addDays(today, -1);
    if (last < month) break;
    const year = Number(month.slice(0, 4));
    for (const slot of slots) {
      if (!slot.holder || !random.chance(monthlyHazard(slot, year))) continue;
      const end = addDays(month, random.int(0, Number(last.slice(8, 10)) - 1));
      if (end < slot.holder.start) continue;
      const employeeId = slot.holder.employeeId;
      if (slot.teamManager && random.chance(0.25)) {
        // Stepping down: the manager employment ends, the person stays in the team as a caseworker.
        close(slot, end, "other");
        const stayUntil = addDays(end, random.int(150, 700));
        const leaves = stayUntil < today && random.chance(0.6);
        employments.push({
          employeeId, unitCode: slot.units[0]!, role: "caseworker", isManager: false, fte: 1,
          start: addDays(end, 1), end: leaves ? stayUntil : null, endReason: leaves ? "resignation" : null,
        });
      } else {
        const reason = random.weighted<EndReason>({
          resignation: 62, internal_transfer: 14, retirement: 8, fixed_term_end: 8, dismissal: 4, other: 4,
        });
        const target = reason === "internal_transfer" && slot.units.length === 1
          ? slots.find((s) => !s.holder && s.units.length === 1 && s.role === slot.role && s.units[0] !== slot.units[0])
          : undefined;
        close(slot, end, target ? "internal_transfer" : reason === "internal_transfer" ? "resignation" : reason);
        if (target) {
          target.holder = { employeeId, start: addDays(end, 1) };
          target.fillOn = null;
        }
      }
      slot.fillOn = addDays(end, vacancyGapDays(random, end));
    }
    for (const slot of slots) {
      if (slot.holder || !slot.fillOn || slot.fillOn > last) continue;
      slot.holder = { employeeId: newEmployee(), start: slot.fillOn };
      slot.fillOn = null;
    }
  }

  const currentManagers = new Map<string, string | null>();
  for (const slot of slots) {
    if (slot.holder) {
      for (const unitCode of slot.units) {
        employments.push({
          employeeId: slot.holder.employeeId, unitCode, role: slot.role, isManager: slot.role === "manager",
          fte: slot.fte, start: slot.holder.start, end: null, endReason: null,
        });
      }
    }
    if (slot.role === "manager") currentManagers.set(slot.units[0]!, slot.holder?.employeeId ?? null);
  }
  employments.sort(byEmployeeStartUnit);
  return { employees, employments: employments.map(withinExportWindow), fullHistory: employments, currentManagers };
}

/** The HR export shows employment from HISTORY_START at the earliest (case periods are cut alike). */
function withinExportWindow(e: DemoEmployment): DemoEmployment {
  return e.start < HISTORY_START ? { ...e, start: HISTORY_START } : e;
}

function byEmployeeStartUnit(a: DemoEmployment, b: DemoEmployment): number {
  return a.employeeId.localeCompare(b.employeeId) || a.start.localeCompare(b.start) || a.unitCode.localeCompare(b.unitCode);
}
