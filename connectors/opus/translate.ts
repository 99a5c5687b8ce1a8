// KMD Opus Løn delta files → the contract's units and employments. Pure: (state, files) → (state, rows).
// A file (ZLPE<timestamp>_delta.xml) lists org units and employees as they are now; the first one
// is full, later ones hold what changed. An employee element is one employment (its id), keyed by
// CPR to a person: the CPR becomes a keyed-HMAC pseudonym as the element is read and is kept nowhere.
// - A new employment starts on entryDate; a change of unit, position, FTE or manager status takes
//   effect on the element's lastChanged date (else the file's date): the old period ends the day before.
// - <employee id=".." action="leave"/> ends the employment the day before the file's date, or on the
//   leaveDate it had. Opus gives no reason: `unknown` (a move to another unit is an internal transfer).
// - fte = numerator / denominator.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { z } from "zod";
import type { EmploymentRole } from "../../db/schema";
import { ConnectorError, type ContractBatch, type UnitRow } from "../contract";
import { addDays, datePart, openEnd } from "../dates";
import { toEmploymentRows, type Assignment } from "../periods";
import { pseudonymise } from "../pseudonym";
import { mapRole, mapUnitKind, type RoleTable, type UnitKindTable } from "../tables";

export const OPUS_FILE = /^ZLPE(\d{4})(\d{2})(\d{2})(\d{0,6})_delta\.xml$/i;

export interface OpusPeriod { unit: string; position: string; fte: number; manager: boolean; from: string; to: string | null }
export interface OpusEmployment { employeeId: string; periods: OpusPeriod[] }
export interface OpusUnit { id: string; name: string; parent: string | null; orgType: string | null }
export interface OpusState {
  /** The last file read, by name (names sort by their timestamp). */
  lastFile: string | null;
  units: Record<string, OpusUnit>;
  /** By Opus employee (employment) id. Employee ids are pseudonyms; no CPR number is here. */
  employments: Record<string, OpusEmployment>;
}

export const emptyOpusState = (): OpusState => ({ lastFile: null, units: {}, employments: {} });

export function fileDate(name: string): string {
  const m = OPUS_FILE.exec(name);
  if (!m) throw new ConnectorError("source", `${name} is not named ZLPE<timestamp>_delta.xml`);
  return `${m[1]}-${m[2]}-${m[3]}`;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (_name, jpath) => jpath === "kmd.orgUnit" || jpath === "kmd.employee",
});

const text = z.union([z.string(), z.number()]).transform(String);
const orgUnitElement = z.object({
  "@id": text,
  longName: text.optional(),
  parentOrgUnit: text.optional(),
  orgType: text.optional(),
  startDate: text.optional(),
  endDate: text.optional(),
});
const employeeElement = z.object({
  "@id": text,
  "@action": z.string().optional(),
  "@lastChanged": text.optional(),
  cpr: z.union([text, z.object({ "#text": text })]).optional(),
  entryDate: text.optional(),
  leaveDate: text.optional(),
  position: text.optional(),
  isManager: text.optional(),
  orgUnit: text.optional(),
  numerator: text.optional(),
  denominator: text.optional(),
});

export interface OpusTables { roles: RoleTable; defaultRole?: EmploymentRole; unitKinds: UnitKindTable }

const number = (value: string | undefined) => (value === undefined || value.trim() === "" ? NaN : Number(value.replace(",", ".")));

/** Applies one file to the state (a new state; the old one is left as it was). */
export function applyOpusFile(previous: OpusState, name: string, xml: string, secret: string): OpusState {
  const state: OpusState = structuredClone(previous);
  const day = fileDate(name);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new ConnectorError("source", `${name} is not well-formed XML (line ${valid.err.line}, column ${valid.err.col})`);
  const root = (parser.parse(xml) as { kmd?: { orgUnit?: unknown[]; employee?: unknown[] } }).kmd;
  if (!root) throw new ConnectorError("source", `${name} has no <kmd> root element`);
  for (const raw of root.orgUnit ?? []) {
    const parsed = orgUnitElement.safeParse(raw);
    if (!parsed.success) throw new ConnectorError("record", `an orgUnit in ${name} has an unexpected shape`, String((raw as Record<string, unknown>)?.["@id"] ?? "?"));
    const u = parsed.data;
    const before = state.units[u["@id"]];
    state.units[u["@id"]] = {
      id: u["@id"],
      name: u.longName ?? before?.name ?? u["@id"],
      parent: u.parentOrgUnit === undefined ? before?.parent ?? null : u.parentOrgUnit || null,
      orgType: u.orgType ?? before?.orgType ?? null,
    };
  }
  for (const raw of root.employee ?? []) {
    const id = String((raw as Record<string, unknown>)?.["@id"] ?? "?");
    const parsed = employeeElement.safeParse(raw);
    // The message names the employee number only: the element holds a CPR number.
    if (!parsed.success) throw new ConnectorError("record", `an employee in ${name} has an unexpected shape`, id);
    const e = parsed.data;
    const known = state.employments[id];
    if (e["@action"] === "leave") {
      if (!known) throw new ConnectorError("record", `leaves in ${name} but was never employed`, id);
      const open = known.periods.at(-1)!;
      const end = addDays(day, -1);
      if (open.to === null || open.to > end) open.to = end < open.from ? open.from : end;
      continue;
    }
    const cpr = typeof e.cpr === "object" ? e.cpr["#text"] : e.cpr;
    const employeeId = cpr ? pseudonymise(cpr, secret, id) : known?.employeeId;
    if (!employeeId) throw new ConnectorError("record", `has no cpr in ${name}`, id);
    const unit = e.orgUnit ?? known?.periods.at(-1)?.unit;
    if (!unit) throw new ConnectorError("record", `has no orgUnit in ${name}`, id);
    const numerator = number(e.numerator);
    const denominator = number(e.denominator);
    const fte = e.numerator === undefined && known ? known.periods.at(-1)!.fte : numerator / denominator;
    if (!(fte > 0) || !Number.isFinite(fte)) throw new ConnectorError("record", `has numerator/denominator that give no positive FTE in ${name}`, id);
    const manager = e.isManager === undefined ? known?.periods.at(-1)?.manager ?? false : /^(true|1|ja)$/i.test(e.isManager);
    const position = e.position ?? known?.periods.at(-1)?.position ?? "";
    const leave = openEnd(datePart(e.leaveDate));
    if (!known) {
      const from = datePart(e.entryDate) ?? day;
      state.employments[id] = { employeeId, periods: [{ unit, position, fte, manager, from, to: leave }] };
      continue;
    }
    known.employeeId = employeeId;
    const open = known.periods.at(-1)!;
    const changedOn = datePart(e["@lastChanged"]) ?? day;
    const same = open.unit === unit && open.position === position && Math.abs(open.fte - fte) < 1e-9 && open.manager === manager;
    if (same || changedOn <= open.from) {
      Object.assign(open, { unit, position, fte, manager });
      if (leave !== null || e.leaveDate !== undefined) open.to = leave;
    } else {
      open.to = addDays(changedOn, -1);
      known.periods.push({ unit, position, fte, manager, from: changedOn, to: leave });
    }
  }
  state.lastFile = name;
  return state;
}

/** The whole state as contract rows. */
export function opusRows(state: OpusState, tables: OpusTables): ContractBatch {
  const units: UnitRow[] = Object.values(state.units)
    .map((u) => {
      const parent = u.parent && state.units[u.parent] ? u.parent : "";
      const hasChildren = Object.values(state.units).some((c) => c.parent === u.id);
      return { unit_code: u.id, name: u.name, parent_code: parent, kind: mapUnitKind(tables.unitKinds, u.orgType, !parent ? "organisation" : hasChildren ? "department" : "team") };
    });
  const depth = (code: string, n = 0): number => (n > units.length ? n : state.units[code]?.parent && state.units[state.units[code].parent!] ? depth(state.units[code].parent!, n + 1) : n);
  units.sort((a, b) => depth(a.unit_code) - depth(b.unit_code) || (a.unit_code < b.unit_code ? -1 : 1));
  const assignments: Assignment[] = [];
  for (const [id, employment] of Object.entries(state.employments)) {
    for (const p of employment.periods) {
      if (!state.units[p.unit]) throw new ConnectorError("record", `is in orgUnit ${p.unit}, which no file listed`, id);
      assignments.push({
        recordId: id, employeeId: employment.employeeId, unitCode: p.unit,
        role: mapRole(tables.roles, tables.defaultRole, p.position, id),
        fte: p.fte, from: p.from, to: p.to, isManager: p.manager, endReason: null,
      });
    }
  }
  return { units, employments: toEmploymentRows(assignments) };
}
