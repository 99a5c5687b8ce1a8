// Turnover at national scale: generate HR data for `staff` people over 5,000 teams, run the HR
// aggregation, and time the full turnover export (every unit, one calendar year, CSV and XLSX).
// `tsx bench/turnover.ts [--staff N]` prints the figures, the last line as one JSON object.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { connectPostgres } from "../db/client";
import { scratchDatabase } from "./scratch-database";
import { rebuildUnitClosure } from "../db/unit-tree";
import { recomputeHr } from "../jobs/recompute/stages/hr/recompute";
import { buildTurnoverExport } from "../exports/turnover";
import { writeTable } from "../exports/table";

export interface TurnoverBenchResult {
  staff: number;
  employments: number;
  units: number;
  generateMs: number;
  aggregateMs: number;
  exportCsvMs: number;
  exportXlsxMs: number;
  exportRows: number;
}

function ms(start: number): number {
  return Math.round(performance.now() - start);
}

/**
 * Organisation → 10 areas → 50 centres → 250 departments → 5,000 teams; per person three
 * back-to-back stints of about 500 days from 2020 (each change a transfer; a third stays open for
 * two in three people, the rest leave), 5 % managers of whom half step down and stay, and one in
 * ten with a part-time second job in the neighbouring team.
 */
export async function benchTurnoverExport(options: { staff?: number; dbUrl?: string; log?: (line: string) => void } = {}): Promise<TurnoverBenchResult> {
  const staff = options.staff ?? 100_000;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const fresh = options.dbUrl ? null : await scratchDatabase("bench_turnover");
  const connection = connectPostgres(options.dbUrl ?? fresh!.url, { max: 2 });
  const db = connection.db;
  try {
    let started = performance.now();
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into units (code, name, parent_id, kind) values ('BENCH', 'Kommunen', null, 'organisation')`);
      await tx.execute(sql`insert into units (code, name, parent_id, kind)
        select 'A' || a, 'Område ' || a, (select id from units where code = 'BENCH'), 'area' from generate_series(1, 10) a`);
      await tx.execute(sql`insert into units (code, name, parent_id, kind)
        select 'A' || a || 'C' || c, 'Center ' || a || '.' || c, (select id from units where code = 'A' || a), 'centre'
        from generate_series(1, 10) a, generate_series(1, 5) c`);
      await tx.execute(sql`insert into units (code, name, parent_id, kind)
        select 'A' || a || 'C' || c || 'D' || d, 'Afdeling ' || a || '.' || c || '.' || d, (select id from units where code = 'A' || a || 'C' || c), 'department'
        from generate_series(1, 10) a, generate_series(1, 5) c, generate_series(1, 5) d`);
      await tx.execute(sql`insert into units (code, name, parent_id, kind)
        select p.code || 'T' || t, 'Team ' || p.code || '.' || t, p.id, 'team'
        from units p, generate_series(1, 20) t where p.kind = 'department'`);
      await rebuildUnitClosure(tx);
    });
    await db.execute(sql`insert into employees (id) select 'B' || i from generate_series(1, ${staff}::int) i`);
    await db.execute(sql`
      with teams as (select array_agg(id order by id) as ids from units where kind = 'team'),
      stint as (
        select i, k, ('2020-01-01'::date + (i * 37) % 400 + k * 500) as start_date,
               abs(hashtext(i || ':' || k)) as h, abs(hashtext(i || ':0')) as h0
        from generate_series(1, ${staff}::int) i, generate_series(0, 2) k)
      insert into employments (employee_id, unit_id, role, is_manager, fte, start_date, end_date, end_reason)
      select 'B' || s.i,
             -- Half of the managers step down after their first stint and stay in the same team.
             case when s.i % 40 = 0 and s.k = 1 then t.ids[1 + s.h0 % cardinality(t.ids)] else t.ids[1 + s.h % cardinality(t.ids)] end,
             case when s.i % 20 = 0 and s.k = 0 then 'manager' else 'caseworker' end,
             s.i % 20 = 0 and s.k = 0, 0.9, s.start_date,
             case when s.k < 2 or s.h % 3 = 0 then s.start_date + 499 end,
             case when s.k < 2 then 'internal_transfer' when s.h % 3 = 0 then (array['resignation','dismissal','retirement'])[1 + s.h % 7 % 3] end
      from stint s cross join teams t`);
    await db.execute(sql`
      insert into employments (employee_id, unit_id, role, is_manager, fte, start_date, end_date, end_reason)
      select e.employee_id, e.unit_id + 1, 'specialist', false, 0.2, e.start_date + 30, e.start_date + 200, 'fixed_term_end'
      from employments e join units t on t.id = e.unit_id + 1 and t.kind = 'team'
      where e.fte = 0.9 and e.start_date < '2021-06-01' and abs(hashtext(e.employee_id)) % 10 = 0`);
    await db.execute(sql`analyze`);
    const generateMs = ms(started);
    const [counts] = await db.execute(sql`select (select count(*) from employments)::int as employments, (select count(*) from units)::int as units`) as unknown as { employments: number; units: number }[];
    log(`turnover bench: ${staff} staff, ${counts.employments} employments, ${counts.units} units generated in ${generateMs} ms`);

    started = performance.now();
    const aggregate = await recomputeHr(db);
    const aggregateMs = ms(started);
    log(`HR aggregation: ${aggregateMs} ms (${aggregate.steps} steps, ${aggregate.events} events, ${aggregate.months} unit-months; phases ${JSON.stringify(aggregate.phases)})`);

    started = performance.now();
    const csvTable = await buildTurnoverExport(db, { from: "2024-01-01", to: "2024-12-31" });
    await writeTable(csvTable, "csv");
    const exportCsvMs = ms(started);
    started = performance.now();
    const xlsxTable = await buildTurnoverExport(db, { from: "2024-01-01", to: "2024-12-31" });
    await writeTable(xlsxTable, "xlsx");
    const exportXlsxMs = ms(started);
    log(`turnover export, every unit, 2024: CSV ${exportCsvMs} ms, XLSX ${exportXlsxMs} ms (${csvTable.rows.length} rows)`);
    return { staff, employments: counts.employments, units: counts.units, generateMs, aggregateMs, exportCsvMs, exportXlsxMs, exportRows: csvTable.rows.length };
  } finally {
    await connection.close();
    await fresh?.drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const index = process.argv.indexOf("--staff");
  const staff = index > 0 ? Number(process.argv[index + 1]) : undefined;
  benchTurnoverExport({ staff, dbUrl: process.env.BENCH_DATABASE_URL })
    .then((result) => { process.stdout.write(`${JSON.stringify(result)}\n`); process.exit(0); })
    .catch((error) => { process.stderr.write(`turnover bench failed: ${error instanceof Error ? error.stack : String(error)}\n`); process.exit(1); });
}
