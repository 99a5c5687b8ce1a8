// Where the integration suites find Postgres and Redis, whether they answer, and how to start them.
// Plain node:net only: vitest.config.ts reads this before any test or database module loads.
import net from "node:net";

export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export type Service = "postgres" | "redis";

/** The commands .ci/run uses. */
export const START_HINT: Record<Service, string> = {
  postgres: "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
  redis: 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
};

export function serviceAddress(service: Service): { host: string; port: number } {
  const url = new URL(service === "postgres" ? PG_ADMIN_URL : TEST_REDIS_URL);
  return { host: url.hostname, port: Number(url.port || (service === "postgres" ? 5432 : 6379)) };
}

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => { socket.destroy(); resolve(false); });
  });
}

export async function reachable(service: Service): Promise<boolean> {
  const { host, port } = serviceAddress(service);
  return portOpen(host, port);
}

export async function unreachableServices(): Promise<Service[]> {
  const services: Service[] = ["postgres", "redis"];
  const answers = await Promise.all(services.map(reachable));
  return services.filter((_, i) => !answers[i]);
}

/** One line per missing service: what is not answering, and the command that starts it. */
export function startAdvice(service: Service): string {
  const { host, port } = serviceAddress(service);
  return `${service === "postgres" ? "PostgreSQL" : "Redis"} is not reachable at ${host}:${port}; start it with: ${START_HINT[service]}`;
}
