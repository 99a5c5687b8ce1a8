// OS2mo's org units, engagements and managers → the contract's units and employments. Pure.
// - unit_code = the unit's user_key (its latest validity); parent by parent_uuid (a parent that is
//   not a unit, OS2mo's root organisation, leaves the unit a root); kind by the unit-type table, else
//   organisation for a root, team for a unit without children, department otherwise.
// - employee_id = the person's uuid (OS2mo keys people by uuid: no CPR number is read).
// - fte = fraction / 1,000,000 (OS2mo's SD importer writes occupation rate × 1,000,000); a missing
//   fraction is 1.0 FTE and is counted in the notes.
// - role by the job-function table; is_manager while a Manager object of the person on the
//   engagement's unit is valid; every validity is a period of its own (history).
import { z } from "zod";
import type { EmploymentRole, UnitKind } from "../../db/schema";
import { ConnectorError, type ContractBatch, type UnitRow } from "../contract";
import { datePart } from "../dates";
import { toEmploymentRows, type Assignment, type ManagerSpell } from "../periods";
import { mapRole, mapUnitKind, type RoleTable, type UnitKindTable } from "../tables";

const validity = z.object({ from: z.string(), to: z.string().nullable() });

export const orgUnitObject = z.object({
  uuid: z.string(),
  validities: z.array(z.object({
    user_key: z.string(),
    name: z.string(),
    parent_uuid: z.string().nullable(),
    unit_type_response: z.object({ current: z.object({ user_key: z.string() }).nullable() }).nullable().optional(),
    validity,
  })),
});

export const engagementObject = z.object({
  uuid: z.string(),
  validities: z.array(z.object({
    employee_uuid: z.string(),
    org_unit_uuid: z.string(),
    fraction: z.number().int().nullable(),
    job_function_uuid: z.string(),
    job_function_response: z.object({ current: z.object({ user_key: z.string() }).nullable() }).nullable().optional(),
    validity,
  })),
});

export const managerObject = z.object({
  uuid: z.string(),
  validities: z.array(z.object({
    employee_uuid: z.string().nullable(),
    org_unit_uuid: z.string(),
    validity,
  })),
});

export interface Os2moRecords {
  orgUnits: unknown[];
  engagements: unknown[];
  managers: unknown[];
}

export interface Os2moTables {
  roles: RoleTable;
  defaultRole?: EmploymentRole;
  unitKinds: UnitKindTable;
}

export interface Translated extends ContractBatch {
  notes: { missingFraction: number; vacantManagers: number };
}

function parseEach<T>(schema: z.ZodType<T>, items: unknown[], what: string): T[] {
  return items.map((item) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      const id = typeof (item as { uuid?: unknown })?.uuid === "string" ? (item as { uuid: string }).uuid : null;
      throw new ConnectorError("record", `${what} has an unexpected shape: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`, id);
    }
    return parsed.data;
  });
}

function span(v: { from: string; to: string | null }, recordId: string): { from: string; to: string | null } {
  const from = datePart(v.from);
  const to = v.to === null ? null : datePart(v.to);
  if (!from || (v.to !== null && !to)) throw new ConnectorError("record", "has a validity that is not a date", recordId);
  return { from, to };
}

export function translateOs2mo(records: Os2moRecords, tables: Os2moTables): Translated {
  const orgUnits = parseEach(orgUnitObject, records.orgUnits, "an org unit");
  const engagements = parseEach(engagementObject, records.engagements, "an engagement");
  const managers = parseEach(managerObject, records.managers, "a manager");

  // Each unit as it is in its latest validity.
  const latest = new Map<string, z.infer<typeof orgUnitObject>["validities"][number]>();
  for (const unit of orgUnits) {
    const last = [...unit.validities].sort((a, b) => (a.validity.from < b.validity.from ? -1 : 1)).at(-1);
    if (last) latest.set(unit.uuid, last);
  }
  const codeOf = new Map([...latest].map(([uuid, v]) => [uuid, v.user_key]));
  const seenCodes = new Map<string, string>();
  for (const [uuid, v] of latest) {
    const other = seenCodes.get(v.user_key);
    if (other) throw new ConnectorError("record", `two org units have the user_key "${v.user_key}" (${other})`, uuid);
    seenCodes.set(v.user_key, uuid);
  }
  const hasChildren = new Set([...latest.values()].map((v) => v.parent_uuid).filter((p): p is string => p !== null));
  const units: UnitRow[] = [...latest].map(([uuid, v]) => {
    const parent = v.parent_uuid !== null ? codeOf.get(v.parent_uuid) : undefined;
    const fallback: UnitKind = parent === undefined ? "organisation" : hasChildren.has(uuid) ? "department" : "team";
    return {
      unit_code: v.user_key,
      name: v.name,
      parent_code: parent ?? "",
      kind: mapUnitKind(tables.unitKinds, v.unit_type_response?.current?.user_key ?? null, fallback),
    };
  });
  // Parents before children, as a reader of the file would expect.
  const depth = (code: string, seen = 0): number => {
    const row = units.find((u) => u.unit_code === code);
    return !row || !row.parent_code || seen > units.length ? 0 : 1 + depth(row.parent_code, seen + 1);
  };
  const depths = new Map(units.map((u) => [u.unit_code, depth(u.unit_code)]));
  units.sort((a, b) => depths.get(a.unit_code)! - depths.get(b.unit_code)! || (a.unit_code < b.unit_code ? -1 : 1));

  let missingFraction = 0;
  const assignments: Assignment[] = [];
  for (const engagement of engagements) {
    for (const v of engagement.validities) {
      const unitCode = codeOf.get(v.org_unit_uuid);
      if (!unitCode) throw new ConnectorError("record", `is in org unit ${v.org_unit_uuid}, which OS2mo did not list`, engagement.uuid);
      const jobFunction = v.job_function_response?.current?.user_key ?? v.job_function_uuid;
      if (v.fraction === null) missingFraction++;
      else if (v.fraction <= 0) throw new ConnectorError("record", `has fraction ${v.fraction}`, engagement.uuid);
      assignments.push({
        recordId: engagement.uuid,
        employeeId: v.employee_uuid,
        unitCode,
        role: mapRole(tables.roles, tables.defaultRole, jobFunction, engagement.uuid),
        fte: v.fraction === null ? 1 : v.fraction / 1_000_000,
        ...span(v.validity, engagement.uuid),
      });
    }
  }
  let vacantManagers = 0;
  const spells: ManagerSpell[] = [];
  for (const manager of managers) {
    for (const v of manager.validities) {
      if (v.employee_uuid === null) {
        vacantManagers++;
        continue;
      }
      const unitCode = codeOf.get(v.org_unit_uuid);
      if (!unitCode) throw new ConnectorError("record", `is for org unit ${v.org_unit_uuid}, which OS2mo did not list`, manager.uuid);
      spells.push({ employeeId: v.employee_uuid, unitCode, ...span(v.validity, manager.uuid) });
    }
  }
  return { units, employments: toEmploymentRows(assignments, spells), notes: { missingFraction, vacantManagers } };
}
