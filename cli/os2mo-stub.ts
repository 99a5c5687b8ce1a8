// `npm run os2mo-stub -- [--port 5400]`: a local OS2mo (GraphQL v29 from OS2mo's published schema,
// with a client-credentials token endpoint) on 127.0.0.1, serving the small organisation the
// connector tests use (demo/os2mo/organisation.ts; unit user_keys prefixed "MO-" so they
// never meet the demo's own units). For showing a connection in the demo, see docs/connectors.md:
//   1. npm run os2mo-stub            (prints the secret and the connection's settings)
//   2. OS2MO_CLIENT_SECRET=<secret> npm run demo
//   3. /admin/connections: create "os2mo" with the printed settings, then "Test forbindelse" and "Synkronisér nu".
import { env } from "../env";
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import { startOs2moServer } from "../demo/os2mo/server";
import { OS2MO_ENGAGEMENTS, OS2MO_MANAGERS, OS2MO_ORG_UNITS, OS2MO_ROLE_TABLE } from "../demo/os2mo/organisation";

const { values } = parseArgs({ options: { port: { type: "string", default: "5400" } }, strict: true });
const secret = env().OS2MO_CLIENT_SECRET || randomBytes(16).toString("hex");
const orgUnits = OS2MO_ORG_UNITS.map((u) => ({ ...u, validities: u.validities.map((v) => ({ ...v, user_key: `MO-${v.user_key}`, name: `${v.name} (OS2mo)` })) }));
const server = await startOs2moServer({ orgUnits, engagements: OS2MO_ENGAGEMENTS, managers: OS2MO_MANAGERS }, { port: Number(values.port), clientSecret: secret });
const settings = { url: server.url, tokenUrl: server.tokenUrl, clientId: server.clientId, roles: OS2MO_ROLE_TABLE };
console.log(`OS2mo stub (GraphQL v29) on ${server.url}/graphql/v29, token endpoint ${server.tokenUrl}`);
console.log(`\nStart the demo with:\n  OS2MO_CLIENT_SECRET=${secret} npm run demo\n`);
console.log(`Connection settings (admin → Forbindelser, source OS2mo):\n${JSON.stringify(settings, null, 2)}\n`);
const stop = async () => { await server.close(); process.exit(0); };
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
