// The key of the pseudonymised-id digest: its own variable, else the first session secret, else a
// development key (production always has SESSION_SECRET: env.ts refuses to start without it).
import { env } from "../../env";

const DEVELOPMENT_KEY = "development-pseudonymisation-key";

export function pseudonymisationKey(): string {
  const { PSEUDONYMISATION_KEY, SESSION_SECRET } = env();
  return PSEUDONYMISATION_KEY ?? SESSION_SECRET?.split(",")[0]?.trim() ?? DEVELOPMENT_KEY;
}
