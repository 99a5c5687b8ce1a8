// CPU seconds from /proc, for the benches' figures that a busy machine does not inflate as it does
// wall time: one process (a Postgres backend, by pid), or the whole local Postgres server (every
// live postgres process, plus the children the postmaster has reaped: parallel workers and
// backends that ended during the measurement). Null where /proc or the server is not on this machine.
import fs from "node:fs";

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS = 100;

function statFields(pid: string | number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // After the command name: state is field 0, ppid 1, utime 11, stime 12, cutime 13, cstime 14.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

function commandName(pid: string): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return null;
  }
}

/** User and system CPU seconds of one process so far; null if it is not on this machine. */
export function processCpuSeconds(pid: number): number | null {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / TICKS : null;
}

/** CPU seconds of the local Postgres server so far; null when no postgres process is visible. */
export function postgresServerCpuSeconds(): number | null {
  let ticks = 0;
  let seen = false;
  let pids: string[];
  try {
    pids = fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return null;
  }
  for (const pid of pids) {
    if (commandName(pid) !== "postgres") continue;
    const fields = statFields(pid);
    if (!fields) continue;
    seen = true;
    ticks += Number(fields[11]) + Number(fields[12]);
    // The postmaster (its parent is not a postgres process) also carries its reaped children.
    if (commandName(fields[1]) !== "postgres") ticks += Number(fields[13]) + Number(fields[14]);
  }
  return seen ? ticks / TICKS : null;
}

export interface CpuMeasured<T> {
  result: T;
  ms: number;
  /** CPU seconds of Postgres (null: not on this machine) and of this process. */
  cpu: { postgres: number | null; node: number };
}

/**
 * Runs `work` and measures its wall time, this process's CPU and Postgres's: by default the whole
 * local server's, or what `postgresCpu` reads (one backend: `() => processCpuSeconds(pid)`).
 */
export async function withCpu<T>(work: () => Promise<T>, postgresCpu: () => number | null = postgresServerCpuSeconds): Promise<CpuMeasured<T>> {
  const postgresBefore = postgresCpu();
  const nodeBefore = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const ms = Math.round(performance.now() - started);
  const node = process.cpuUsage(nodeBefore);
  const postgresAfter = postgresCpu();
  const round = (s: number) => Math.round(s * 100) / 100;
  return {
    result,
    ms,
    cpu: {
      postgres: postgresBefore === null || postgresAfter === null ? null : round(postgresAfter - postgresBefore),
      node: round((node.user + node.system) / 1e6),
    },
  };
}
