// A local stand-in for Twilio's Messages API, speaking its REST shape: POST
// /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded (To, Body, From or
// MessagingServiceSid), HTTP Basic auth with the account SID and auth token, a JSON Message
// resource in answer (201), and Twilio's JSON error body otherwise. It records every SMS.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";

export type TwilioSms = { to: string; body: string; from: string | null; messagingServiceSid: string | null };

export async function startTwilioStandIn(options: { accountSid: string; authToken: string }) {
  const messages: TwilioSms[] = [];
  let refused = 0;
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const error = (status: number, code: number, message: string) =>
      response.writeHead(status, { "content-type": "application/json" })
        .end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
    const expected = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString("base64")}`;
    if (request.headers.authorization !== expected) {
      refused++;
      return error(401, 20003, "Authenticate");
    }
    const path = (request.url ?? "").split("?")[0];
    if (request.method !== "POST" || path !== `/2010-04-01/Accounts/${options.accountSid}/Messages.json`) return error(404, 20404, "The requested resource was not found");
    if (!String(request.headers["content-type"]).startsWith("application/x-www-form-urlencoded")) return error(400, 21601, "Form-encoded body expected");
    const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    const to = form.get("To");
    const body = form.get("Body");
    const from = form.get("From");
    const service = form.get("MessagingServiceSid");
    if (!to || !/^\+[1-9]\d{6,14}$/.test(to)) return error(400, 21211, `The 'To' number ${to ?? ""} is not a valid phone number.`);
    if (!body) return error(400, 21602, "Message body is required.");
    if (!from && !service) return error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message");
    messages.push({ to, body, from, messagingServiceSid: service });
    const sid = `SM${randomBytes(16).toString("hex")}`;
    const now = new Date().toUTCString();
    response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({
      account_sid: options.accountSid, api_version: "2010-04-01", body, date_created: now, date_sent: null, date_updated: now,
      direction: "outbound-api", error_code: null, error_message: null, from, messaging_service_sid: service, num_media: "0",
      num_segments: "1", price: null, price_unit: "USD", sid, status: "queued", to,
      uri: `/2010-04-01/Accounts/${options.accountSid}/Messages/${sid}.json`, subresource_uris: {},
    }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    messages,
    refused: () => refused,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
