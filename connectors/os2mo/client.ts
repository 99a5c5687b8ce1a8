// OS2mo over GraphQL: a token by OIDC client credentials from its Keycloak, then each query paged
// with limit/cursor until next_cursor is null.
import { z } from "zod";
import { ConnectorError } from "../contract";
import { request } from "../http";
import { OS2MO_GRAPHQL_VERSION } from "./queries";

export interface Os2moEndpoint {
  url: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  pageSize: number;
}

const tokenAnswer = z.object({ access_token: z.string().min(1), token_type: z.string().optional() });

export async function fetchToken(endpoint: Os2moEndpoint): Promise<string> {
  const body = new URLSearchParams({ grant_type: "client_credentials", client_id: endpoint.clientId, client_secret: endpoint.clientSecret });
  let response: Response;
  try {
    response = await request(endpoint.tokenUrl, { method: "POST", body, headers: { accept: "application/json" } }, "the OS2mo token endpoint (Keycloak)");
  } catch (error) {
    // Keycloak answers a wrong client secret with 400/401 invalid_client.
    if (error instanceof ConnectorError && error.detail.includes("HTTP 400")) throw new ConnectorError("auth", "the OS2mo token endpoint refused the client credentials (HTTP 400)");
    throw error;
  }
  const parsed = tokenAnswer.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new ConnectorError("auth", "the OS2mo token endpoint gave no access token");
  return parsed.data.access_token;
}

export function graphqlUrl(base: string): string {
  return `${base.replace(/\/+$/, "")}/graphql/v${OS2MO_GRAPHQL_VERSION}`;
}

const graphqlAnswer = z.object({
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  errors: z.array(z.object({ message: z.string() })).optional(),
});

export async function runQuery(endpoint: Os2moEndpoint, token: string, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await request(graphqlUrl(endpoint.url), {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  }, "OS2mo");
  const parsed = graphqlAnswer.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new ConnectorError("source", "OS2mo gave an answer that is not GraphQL");
  if (parsed.data.errors?.length) throw new ConnectorError("source", `OS2mo refused the query: ${parsed.data.errors.map((e) => e.message).join("; ").slice(0, 300)}`);
  if (!parsed.data.data) throw new ConnectorError("source", "OS2mo gave no data");
  return parsed.data.data;
}

const page = z.object({ objects: z.array(z.unknown()), page_info: z.object({ next_cursor: z.string().nullable() }) });

/** Every object of a paged top-level field, page by page. */
export async function readAll(endpoint: Os2moEndpoint, token: string, query: string, field: string, variables: Record<string, unknown> = {}): Promise<unknown[]> {
  const all: unknown[] = [];
  let cursor: string | null = null;
  for (let pages = 0; ; pages++) {
    if (pages > 100_000) throw new ConnectorError("source", `OS2mo kept paging ${field} without end`);
    const data = await runQuery(endpoint, token, query, { ...variables, limit: endpoint.pageSize, cursor });
    const parsed = page.safeParse(data[field]);
    if (!parsed.success) throw new ConnectorError("source", `OS2mo's ${field} page has an unexpected shape`);
    all.push(...parsed.data.objects);
    cursor = parsed.data.page_info.next_cursor;
    if (cursor === null) return all;
  }
}
