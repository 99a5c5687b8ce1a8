// A local SD Løn web service for tests: serves recorded SOAP answers (tests/fixtures/connectors/sd)
// on 127.0.0.1, behind HTTP Basic authentication. GetEmploymentChangedAtDate20111201 answers with
// the recording for the request's ActivationDate, or an empty answer; an unknown institution gets
// a SOAP fault (HTTP 500), as SD does.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser, XMLValidator } from "fast-xml-parser";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/connectors/sd");
const OPERATIONS = ["GetOrganization20111201", "GetDepartment20111201", "GetEmploymentChangedAtDate20111201"];

export interface SdServer {
  url: string;
  username: string;
  password: string;
  institution: string;
  requests: { operation: string; activationDate: string | null }[];
  close(): Promise<void>;
}

export async function startSdServer(): Promise<SdServer> {
  const username = "belastning";
  const password = "sd-test-password";
  const institution = "XY";
  const requests: SdServer["requests"] = [];
  const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const operation = (req.url ?? "").split("/").pop() ?? "";
      const xml = (status: number, text: string) => { res.writeHead(status, { "content-type": "text/xml; charset=utf-8" }); res.end(text); };
      if (req.method !== "POST" || !OPERATIONS.includes(operation)) return xml(404, "");
      if (req.headers.authorization !== `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`) return xml(401, "");
      if (req.headers.soapaction !== `"${operation}"` || XMLValidator.validate(body) !== true) return xml(400, "");
      const envelope = parser.parse(body) as { Envelope?: { Body?: Record<string, Record<string, Record<string, string>>> } };
      const request = Object.values(Object.values(envelope.Envelope?.Body ?? {})[0] ?? {})[0] ?? {};
      const activationDate = request.ActivationDate ?? null;
      requests.push({ operation, activationDate });
      if (request.InstitutionIdentifier !== institution) return xml(500, fs.readFileSync(path.join(dir, "fault.xml"), "utf8"));
      let file = `${operation}.xml`;
      if (operation === "GetEmploymentChangedAtDate20111201") {
        const recorded = `${operation}-${activationDate}.xml`;
        file = fs.existsSync(path.join(dir, recorded)) ? recorded : `${operation}-empty.xml`;
      }
      xml(200, fs.readFileSync(path.join(dir, file), "utf8"));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/sdws/services`, username, password, institution, requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
