// The wire of AWS STS's query protocol, as @aws-sdk/client-sts and the AWS CLI speak it: a form
// body (`Action=GetCallerIdentity&Version=2011-06-15`), an XML answer in STS's namespace, and
// errors as `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";

export const STS_VERSION = "2011-06-15";
const NAMESPACE = `https://sts.amazonaws.com/doc/${STS_VERSION}/`;

/** STS's error codes that Gatehouse answers, with AWS's statuses and the side at fault. */
export const STS_ERRORS = {
  MissingAuthenticationToken: { status: 403, type: "Sender" },
  InvalidClientTokenId: { status: 403, type: "Sender" },
  SignatureDoesNotMatch: { status: 403, type: "Sender" },
  IncompleteSignature: { status: 400, type: "Sender" },
  ExpiredToken: { status: 400, type: "Sender" },
  InvalidAction: { status: 400, type: "Sender" },
  MalformedQueryString: { status: 404, type: "Sender" },
  InternalFailure: { status: 500, type: "Receiver" },
} as const;
export type StsErrorCode = keyof typeof STS_ERRORS;

export class StsError extends Error {
  constructor(readonly code: StsErrorCode, message: string) {
    super(message);
    this.name = "StsError";
  }
}

export const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);

function send(res: ServerResponse, status: number, requestId: string, xml: string) {
  res.statusCode = status;
  res.setHeader("Content-Type", "text/xml");
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("x-amzn-RequestId", requestId);
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Expose-Headers", "x-amzn-RequestId");
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`);
}

/** `<{Action}Response><{Action}Result>…</{Action}Result><ResponseMetadata>…` with the result's fields in order. */
export function sendStsResult(res: ServerResponse, action: string, fields: [string, string][]) {
  const requestId = randomUUID();
  const body = fields.map(([name, value]) => `    <${name}>${escapeXml(value)}</${name}>`).join("\n");
  send(res, 200, requestId, `<${action}Response xmlns="${NAMESPACE}">
  <${action}Result>
${body}
  </${action}Result>
  <ResponseMetadata>
    <RequestId>${requestId}</RequestId>
  </ResponseMetadata>
</${action}Response>`);
}

export function sendStsError(res: ServerResponse, code: StsErrorCode, message: string) {
  const requestId = randomUUID();
  const { status, type } = STS_ERRORS[code];
  send(res, status, requestId, `<ErrorResponse xmlns="${NAMESPACE}">
  <Error>
    <Type>${type}</Type>
    <Code>${code}</Code>
    <Message>${escapeXml(message)}</Message>
  </Error>
  <RequestId>${requestId}</RequestId>
</ErrorResponse>`);
}
