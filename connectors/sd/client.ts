// SD Løn's web service over SOAP 1.1 with HTTP Basic authentication.
import { ConnectorError } from "../contract";
import { request } from "../http";

export interface SdEndpoint {
  /** e.g. https://service.sd.dk/sdws/services */
  url: string;
  institution: string;
  username: string;
  password: string;
}

export const SD_NAMESPACE = "urn:oio:sd:snitflader:2011.12.01";

const escape = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The SOAP envelope for an operation and its request fields (in order). */
export function envelope(operation: string, fields: [string, string][]): string {
  const inner = fields.map(([k, v]) => `<${k}>${escape(v)}</${k}>`).join("");
  return `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sd="${SD_NAMESPACE}">` +
    `<soapenv:Body><sd:${operation}Operation><sd:${operation.replace(/\d+$/, "")}>${inner}</sd:${operation.replace(/\d+$/, "")}></sd:${operation}Operation></soapenv:Body></soapenv:Envelope>`;
}

export async function callSd(endpoint: SdEndpoint, operation: string, fields: [string, string][]): Promise<string> {
  const auth = Buffer.from(`${endpoint.username}:${endpoint.password}`).toString("base64");
  let response: Response;
  try {
    response = await request(`${endpoint.url.replace(/\/+$/, "")}/${operation}`, {
      method: "POST",
      headers: { "content-type": "text/xml; charset=utf-8", soapaction: `"${operation}"`, authorization: `Basic ${auth}` },
      body: envelope(operation, [["InstitutionIdentifier", endpoint.institution], ...fields]),
    }, `SD Løn (${operation})`);
  } catch (error) {
    // A SOAP fault comes back as HTTP 500 with the fault in the body: let the caller read it.
    if (error instanceof ConnectorError && error.kind === "connection" && /HTTP 500/.test(error.detail)) {
      throw new ConnectorError("source", `SD Løn refused ${operation} (SOAP fault)`);
    }
    throw error;
  }
  return response.text();
}
