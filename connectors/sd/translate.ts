// SD Løn's answers → the contract's units and employments. Pure.
// - GetOrganization20111201 nests each department's parents (DepartmentReference in
//   DepartmentReference); GetDepartment20111201 names them. unit_code = DepartmentIdentifier.
// - GetEmploymentChangedAtDate20111201: per person (PersonCivilRegistrationIdentifier, the CPR
//   number, pseudonymised by keyed HMAC as it is read) the employments, each with dated lists of
//   EmploymentDepartment, Profession, EmploymentStatus and WorkingTime. The lists are merged into
//   the state by ActivationDate (a later change replaces the same date), so an incremental answer
//   holding only what changed updates the stored timeline.
// - Employed while EmploymentStatusCode is 0, 1 (employed) or 3 (on leave); a change to 7
//   (emigrated/dead), 8 (left) or 9 (retired) ends the employment the day before, with the reason
//   the connection's end-reason table gives the code (defaults: 7 other, 8 unknown, 9 retirement).
// - fte = WorkingTime.OccupationRate; role by the profession table (EmploymentName, else
//   JobPositionIdentifier); is_manager while the profession is in the manager list (SD has no flag).
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { EmploymentRole } from "../../db/schema";
import { ConnectorError, type ContractBatch, type UnitRow } from "../contract";
import { addDays, datePart, openEnd } from "../dates";
import { toEmploymentRows, type Assignment } from "../periods";
import { pseudonymise } from "../pseudonym";
import { mapEndReason, mapRole, mapUnitKind, type EndReasonTable, type RoleTable, type UnitKindTable } from "../tables";

export const EMPLOYED_CODES = new Set(["0", "1", "3"]);
export const DEFAULT_SD_END_REASONS: EndReasonTable = { "7": "other", "8": "unknown", "9": "retirement" };

interface Dated { from: string; to: string | null }
export interface SdTimeline {
  employeeId: string;
  status: (Dated & { code: string })[];
  department: (Dated & { unit: string })[];
  profession: (Dated & { name: string })[];
  workingTime: (Dated & { rate: number })[];
}
export interface SdState {
  /** The last day the changes were read up to. */
  readTo: string | null;
  /** By "<employee pseudonym>/<EmploymentIdentifier>". No CPR number is here. */
  employments: Record<string, SdTimeline>;
}
export const emptySdState = (): SdState => ({ readTo: null, employments: {} });

const LISTS = ["Person", "Employment", "EmploymentDepartment", "Profession", "EmploymentStatus", "WorkingTime", "DepartmentReference", "Department", "Organization"];
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => LISTS.includes(name),
});

type Node = Record<string, unknown>;
const s = (v: unknown): string | null => (v === undefined || v === null || v === "" ? null : typeof v === "object" ? null : String(v));
const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v ? [v as Node] : []);

/** Parses a SOAP answer and returns the element named `name` in its body; a SOAP fault is a source error. */
export function soapBody(xml: string, name: string): Node {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new ConnectorError("source", `SD's answer to ${name} is not well-formed XML (line ${valid.err.line})`);
  const doc = parser.parse(xml) as Node;
  const body = ((doc.Envelope as Node | undefined)?.Body as Node | undefined) ?? doc;
  if (body.Fault) {
    const fault = body.Fault as Node;
    throw new ConnectorError("source", `SD refused ${name}: ${s(fault.faultstring) ?? "SOAP fault"}`.slice(0, 300));
  }
  const find = (node: Node, depth = 0): Node | null => {
    if (depth > 3) return null;
    if (name in node) {
      const value = Array.isArray(node[name]) ? (node[name] as unknown[])[0] : node[name];
      // An empty answer (<X/>) parses to "": no persons.
      return (value && typeof value === "object" ? value : {}) as Node;
    }
    for (const value of Object.values(node)) {
      if (value && typeof value === "object" && !Array.isArray(value)) {
        const found = find(value as Node, depth + 1);
        if (found) return found;
      }
    }
    return null;
  };
  const found = find(body);
  if (!found) throw new ConnectorError("source", `SD's answer holds no ${name}`);
  return found;
}

function dated(node: Node, recordId: string, what: string): Dated {
  const from = datePart(s(node.ActivationDate));
  if (!from) throw new ConnectorError("record", `has a ${what} without an ActivationDate`, recordId);
  return { from, to: openEnd(datePart(s(node.DeactivationDate))) };
}

/** A later element replaces one of the same ActivationDate; each then ends where the next begins. */
function merge<T extends Dated>(old: T[], added: T[]): T[] {
  const byStart = new Map(old.map((e) => [e.from, e]));
  for (const e of added) byStart.set(e.from, e);
  const sorted = [...byStart.values()].sort((a, b) => (a.from < b.from ? -1 : 1));
  return sorted.map((e, i) => {
    const next = sorted[i + 1];
    const cap = next ? addDays(next.from, -1) : null;
    const to = cap === null ? e.to : e.to === null || e.to > cap ? cap : e.to;
    return { ...e, to };
  });
}

export function applyEmploymentChanges(previous: SdState, answer: Node, readTo: string, secret: string): SdState {
  const state: SdState = structuredClone(previous);
  for (const person of list(answer.Person)) {
    const employments = list(person.Employment);
    const firstId = s(employments[0]?.EmploymentIdentifier) ?? "?";
    const cpr = s(person.PersonCivilRegistrationIdentifier);
    if (!cpr) throw new ConnectorError("record", "a person without PersonCivilRegistrationIdentifier", firstId);
    const employeeId = pseudonymise(cpr, secret, firstId);
    for (const e of employments) {
      const id = s(e.EmploymentIdentifier);
      if (!id) throw new ConnectorError("record", "an employment without EmploymentIdentifier", firstId);
      const key = `${employeeId}/${id}`;
      const t = state.employments[key] ?? { employeeId, status: [], department: [], profession: [], workingTime: [] };
      t.status = merge(t.status, list(e.EmploymentStatus).map((n) => {
        const code = s(n.EmploymentStatusCode);
        if (code === null) throw new ConnectorError("record", "an EmploymentStatus without a code", id);
        return { ...dated(n, id, "EmploymentStatus"), code };
      }));
      t.department = merge(t.department, list(e.EmploymentDepartment).map((n) => {
        const unit = s(n.DepartmentIdentifier);
        if (!unit) throw new ConnectorError("record", "an EmploymentDepartment without DepartmentIdentifier", id);
        return { ...dated(n, id, "EmploymentDepartment"), unit };
      }));
      t.profession = merge(t.profession, list(e.Profession).map((n) => ({ ...dated(n, id, "Profession"), name: s(n.EmploymentName) ?? s(n.JobPositionIdentifier) ?? "" })));
      t.workingTime = merge(t.workingTime, list(e.WorkingTime).map((n) => {
        const rate = Number(String(s(n.OccupationRate) ?? "").replace(",", "."));
        if (!Number.isFinite(rate)) throw new ConnectorError("record", "a WorkingTime without a numeric OccupationRate", id);
        return { ...dated(n, id, "WorkingTime"), rate };
      }));
      state.employments[key] = t;
    }
  }
  state.readTo = readTo;
  return state;
}

export interface SdDepartment { id: string; name: string | null; level: string | null; parent: string | null }

/** GetOrganization's nested references and GetDepartment's names → one entry per department. */
export function readDepartments(organization: Node, departments: Node): SdDepartment[] {
  const found = new Map<string, SdDepartment>();
  const walk = (ref: Node, child: string | null) => {
    const id = s(ref.DepartmentIdentifier);
    if (!id) return;
    if (child) found.get(child)!.parent = id;
    if (!found.has(id)) found.set(id, { id, name: null, level: s(ref.DepartmentLevelIdentifier), parent: null });
    for (const parent of list(ref.DepartmentReference)) walk(parent, id);
  };
  for (const org of list(organization.Organization)) for (const ref of list(org.DepartmentReference)) walk(ref, null);
  for (const d of list(departments.Department)) {
    const id = s(d.DepartmentIdentifier);
    if (!id) continue;
    const entry = found.get(id) ?? { id, name: null, level: s(d.DepartmentLevelIdentifier), parent: null };
    entry.name = s(d.DepartmentName) ?? entry.name;
    found.set(id, entry);
  }
  return [...found.values()];
}

export interface SdTables {
  roles: RoleTable;
  defaultRole?: EmploymentRole;
  unitKinds: UnitKindTable;
  endReasons: EndReasonTable;
  managerProfessions: string[];
}

const at = <T extends Dated>(items: T[], day: string) => items.find((e) => e.from <= day && (e.to === null || day <= e.to));

export function sdRows(departments: SdDepartment[], state: SdState, tables: SdTables): ContractBatch {
  const ids = new Set(departments.map((d) => d.id));
  const units: UnitRow[] = departments.map((d) => {
    const parent = d.parent && ids.has(d.parent) ? d.parent : "";
    const hasChildren = departments.some((c) => c.parent === d.id);
    return { unit_code: d.id, name: d.name ?? d.id, parent_code: parent, kind: mapUnitKind(tables.unitKinds, d.level, !parent ? "organisation" : hasChildren ? "department" : "team") };
  });
  const depth = (id: string, n = 0): number => {
    const d = departments.find((x) => x.id === id);
    return !d?.parent || !ids.has(d.parent) || n > departments.length ? n : depth(d.parent, n + 1);
  };
  units.sort((a, b) => depth(a.unit_code) - depth(b.unit_code) || (a.unit_code < b.unit_code ? -1 : 1));
  const managers = new Set(tables.managerProfessions.map((p) => p.trim().toLowerCase()));
  const assignments: Assignment[] = [];
  for (const [key, t] of Object.entries(state.employments)) {
    const recordId = key.split("/")[1];
    // Every day on which something changes starts a span; employed spans become assignments.
    const cuts = new Set<string>();
    for (const e of [...t.status, ...t.department, ...t.profession, ...t.workingTime]) {
      cuts.add(e.from);
      if (e.to !== null) cuts.add(addDays(e.to, 1));
    }
    const points = [...cuts].sort();
    for (let i = 0; i < points.length; i++) {
      const from = points[i];
      const to = points[i + 1] === undefined ? null : addDays(points[i + 1], -1);
      const status = at(t.status, from);
      if (!status || !EMPLOYED_CODES.has(status.code)) continue;
      const department = at(t.department, from);
      const profession = at(t.profession, from);
      const working = at(t.workingTime, from);
      if (!department) throw new ConnectorError("record", `is employed on ${from} without a department`, recordId);
      if (!ids.has(department.unit)) throw new ConnectorError("record", `is in department ${department.unit}, which GetOrganization did not list`, recordId);
      if (!working || !(working.rate > 0)) throw new ConnectorError("record", `is employed on ${from} without an occupation rate`, recordId);
      const nextStatus = to === null ? undefined : at(t.status, addDays(to, 1));
      const endCode = nextStatus && !EMPLOYED_CODES.has(nextStatus.code) ? nextStatus.code : null;
      const name = profession?.name ?? "";
      assignments.push({
        recordId, employeeId: t.employeeId, unitCode: department.unit,
        role: mapRole(tables.roles, tables.defaultRole, name, recordId),
        fte: working.rate, from, to, isManager: managers.has(name.trim().toLowerCase()),
        endReason: to === null ? null : nextStatus ? (endCode ? mapEndReason(tables.endReasons, endCode) : null) : "unknown",
      });
    }
  }
  return { units, employments: toEmploymentRows(assignments) };
}
