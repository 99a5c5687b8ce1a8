// Two signed cookies of single sign-on, apart from the session (whose storage is session.server.ts's):
// the pending login (state, nonce, PKCE verifier, where to go after) for ten minutes, and the
// handle of the ID token kept for RP-initiated logout. SameSite=Lax: the provider's redirect back
// is a top-level GET, on which Lax cookies are sent.
import { createCookie } from "@remix-run/node";
import { z } from "zod";
import { env } from "../../../env";

const DEV_SECRET = "dev-only-secret-not-for-production";

function secrets(): string[] {
  const raw = env().SESSION_SECRET;
  return raw ? raw.split(",").map((s) => s.trim()).filter(Boolean) : [DEV_SECRET];
}

const options = (path: string, maxAge: number) => ({
  httpOnly: true, sameSite: "lax" as const, path, maxAge, secure: env().NODE_ENV === "production", secrets: secrets(),
});

const FlowSchema = z.object({
  state: z.string().min(16),
  nonce: z.string().min(16),
  codeVerifier: z.string().min(43),
  redirectTo: z.string(),
});
export type OidcFlow = z.infer<typeof FlowSchema>;

const flowCookie = () => createCookie("__sso_flow", options("/auth", 10 * 60));
const logoutCookie = () => createCookie("__sso_logout", options("/", 60 * 60 * 10));

export async function serializeFlow(flow: OidcFlow): Promise<string> {
  return flowCookie().serialize(flow);
}

/** The pending login of this browser, or null (none, expired, or tampered with: the signature fails). */
export async function readFlow(request: Request): Promise<OidcFlow | null> {
  const value = await flowCookie().parse(request.headers.get("Cookie"));
  const parsed = FlowSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export async function clearFlow(): Promise<string> {
  return flowCookie().serialize("", { maxAge: 0 });
}

export async function serializeLogoutHandle(id: string): Promise<string> {
  return logoutCookie().serialize(id);
}

export async function readLogoutHandle(request: Request): Promise<string | null> {
  const value = await logoutCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export async function clearLogoutHandle(): Promise<string> {
  return logoutCookie().serialize("", { maxAge: 0 });
}
