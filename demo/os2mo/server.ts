// A local OS2mo for the demo (npm run os2mo-stub) and the connector tests: a Keycloak-like token
// endpoint (client credentials) and GraphQL v29 built with graphql-js from OS2mo's published schema (connectors/os2mo/schema.v29.graphql)
// over fixture objects. Every query is parsed and validated against that schema and answered by
// real resolvers, paged with limit/cursor, and filtered by validity as OS2mo does (without
// from_date/to_date only what is valid today) and by registration: every object carries the time
// of its latest registration (`registered`; fixture objects without one were registered at
// FIXTURE_REGISTERED), upsert() registers a change now, and filter.registration {start, end} keeps
// only objects registered in that interval. Listens on 127.0.0.1 only.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { buildSchema, graphql, type GraphQLSchema } from "graphql";

const here = path.dirname(fileURLToPath(import.meta.url));
let schemaCache: GraphQLSchema | null = null;
export function os2moSchema(): GraphQLSchema {
  schemaCache ??= buildSchema(fs.readFileSync(path.join(here, "../../connectors/os2mo/schema.v29.graphql"), "utf8"));
  return schemaCache;
}

interface Validity { validity: { from: string; to: string | null } }
/** An OS2mo object; `registered` is when its latest registration began (never sent unless asked). */
export interface Os2moObject { uuid: string; validities: Validity[]; registered?: string }
export interface Os2moFixture {
  orgUnits: Os2moObject[];
  engagements: Os2moObject[];
  managers: Os2moObject[];
}
export const FIXTURE_REGISTERED = "2024-01-01T00:00:00.000000+00:00";

export interface Os2moServer {
  url: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Every GraphQL request: operation name and variables. */
  requests: { operation: string | null; variables: Record<string, unknown>; errors: number }[];
  data: Os2moFixture;
  /** A change registered in OS2mo now: the object replaces the one with its uuid, or is added. */
  upsert(kind: keyof Os2moFixture, object: Os2moObject): void;
  close(): Promise<void>;
}

type Filter = { from_date?: string | null; to_date?: string | null; registration?: { start?: string | null; end?: string | null } | null } | null | undefined;

function registeredIn(item: Os2moObject, filter: Filter): boolean {
  const registered = Date.parse(item.registered ?? FIXTURE_REGISTERED);
  const start = filter?.registration?.start;
  const end = filter?.registration?.end;
  return (!start || registered >= Date.parse(start)) && (!end || registered <= Date.parse(end));
}

function inWindow(item: Validity, filter: Filter, today: string): boolean {
  const hasFrom = filter && "from_date" in filter;
  const hasTo = filter && "to_date" in filter;
  const from = hasFrom ? filter!.from_date ?? null : today;
  const to = hasTo ? filter!.to_date ?? null : today;
  const start = item.validity.from.slice(0, 10);
  const end = item.validity.to?.slice(0, 10) ?? null;
  return (to === null || start <= to.slice(0, 10)) && (from === null || end === null || end >= from.slice(0, 10));
}

function paged<T extends Os2moObject>(items: T[], args: { limit?: number | null; cursor?: string | null; filter?: Filter }, today: string) {
  const visible = items
    .filter((item) => registeredIn(item, args.filter))
    .map((item) => ({ ...item, validities: item.validities.filter((v) => inWindow(v, args.filter, today)) }))
    .filter((item) => item.validities.length > 0);
  const offset = args.cursor ? Number(Buffer.from(args.cursor, "base64").toString("utf8")) : 0;
  const limit = args.limit ?? visible.length;
  const objects = visible.slice(offset, offset + limit);
  const next = offset + limit < visible.length ? Buffer.from(String(offset + limit)).toString("base64") : null;
  return { objects, page_info: { next_cursor: next } };
}

export async function startOs2moServer(data: Os2moFixture, options: { today?: string; port?: number; clientSecret?: string } = {}): Promise<Os2moServer> {
  const schema = os2moSchema();
  const clientId = "belastning";
  const clientSecret = options.clientSecret ?? randomBytes(16).toString("hex");
  const tokens = new Set<string>();
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const requests: Os2moServer["requests"] = [];
  const rootValue = {
    org_units: (args: Parameters<typeof paged>[1]) => paged(data.orgUnits, args, today),
    engagements: (args: Parameters<typeof paged>[1]) => paged(data.engagements, args, today),
    managers: (args: Parameters<typeof paged>[1]) => paged(data.managers, args, today),
  };
  const read = (req: http.IncomingMessage) => new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer(async (req, res) => {
    const body = await read(req);
    if (req.method === "POST" && req.url === "/token") {
      const form = new URLSearchParams(body);
      if (form.get("grant_type") !== "client_credentials") return send(res, 400, { error: "unsupported_grant_type" });
      if (form.get("client_id") !== clientId || form.get("client_secret") !== server2.clientSecret) return send(res, 401, { error: "invalid_client" });
      const token = randomBytes(16).toString("hex");
      tokens.add(token);
      return send(res, 200, { access_token: token, token_type: "Bearer", expires_in: 300 });
    }
    if (req.method === "POST" && req.url === "/graphql/v29") {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!bearer || !tokens.has(bearer)) return send(res, 401, { detail: "Not authenticated" });
      let parsed: { query?: string; variables?: Record<string, unknown>; operationName?: string };
      try {
        parsed = JSON.parse(body);
      } catch {
        return send(res, 400, { detail: "bad JSON" });
      }
      const result = await graphql({ schema, source: parsed.query ?? "", rootValue, variableValues: parsed.variables ?? {} });
      const operation = /(?:query|mutation)\s+(\w+)/.exec(parsed.query ?? "")?.[1] ?? null;
      requests.push({ operation, variables: parsed.variables ?? {}, errors: result.errors?.length ?? 0 });
      return send(res, 200, result);
    }
    send(res, 404, { detail: "not found" });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const server2: Os2moServer = {
    url: `http://127.0.0.1:${port}`,
    tokenUrl: `http://127.0.0.1:${port}/token`,
    clientId,
    clientSecret,
    requests,
    data,
    upsert(kind, object) {
      const list = data[kind];
      const registered = { ...object, registered: new Date().toISOString() };
      const at = list.findIndex((o) => o.uuid === object.uuid);
      if (at >= 0) list[at] = registered;
      else list.push(registered);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return server2;
}
