// The one way connectors reach a source over HTTP: a timeout, and failures sorted into
// "connection" (cannot reach it, or it answers 5xx) and "auth" (401/403).
import { ConnectorError } from "./contract";

export const HTTP_TIMEOUT_MS = 30_000;

export async function request(url: string, init: RequestInit & { timeoutMs?: number }, what: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? HTTP_TIMEOUT_MS), redirect: "error" });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new ConnectorError("connection", `${what} could not be reached (${cause})`);
  }
  if (response.status === 401 || response.status === 403) {
    throw new ConnectorError("auth", `${what} refused the credentials (HTTP ${response.status})`);
  }
  if (!response.ok) throw new ConnectorError("connection", `${what} answered HTTP ${response.status}`);
  return response;
}
