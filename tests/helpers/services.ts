// Real Postgres and Redis for integration tests: a fresh database per test file, never mocks.
import net from "node:net";
import postgres from "postgres";
import { connectPostgres, type DatabaseConnection } from "../../db/client";
import { migratePostgresUrl } from "../../db/migrate";

export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

const START_HINT = {
  postgres: "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
  redis: 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
};

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => { socket.destroy(); resolve(false); });
  });
}

export async function requireService(name: "postgres" | "redis"): Promise<void> {
  const url = new URL(name === "postgres" ? PG_ADMIN_URL : TEST_REDIS_URL);
  const port = Number(url.port || (name === "postgres" ? 5432 : 6379));
  if (!(await portOpen(url.hostname, port))) {
    throw new Error(`${name} is not reachable at ${url.hostname}:${port}. Start it with:\n  ${START_HINT[name]}`);
  }
}

export interface TestDatabase extends DatabaseConnection {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates and migrates a database of its own for one test file; drop() removes it. */
export async function createTestDatabase(prefix = "t"): Promise<TestDatabase> {
  await requireService("postgres");
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`.toLowerCase();
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  await migratePostgresUrl(url.toString());
  const connection = connectPostgres(url.toString(), { max: 5 });
  return {
    ...connection,
    url: url.toString(),
    name,
    async drop() {
      await connection.close();
      const adminAgain = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
      await adminAgain.unsafe(`drop database if exists "${name}" with (force)`);
      await adminAgain.end();
    },
  };
}
