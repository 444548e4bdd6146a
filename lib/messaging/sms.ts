// SMS delivery, chosen by SMS_URL (parsed once at start by lib/config/env.ts):
// - sns://?region=us-east-1[&senderId=Gatehouse][&endpoint=https://…]: AWS SNS Publish, as Cognito
//   sends its SMS, with the SDK's default credential chain (environment, profile, instance role).
//   `endpoint` points the SDK at an SNS-compatible service (or a test's stand-in).
// - twilio://ACCOUNT_SID:AUTH_TOKEN@?from=+15550000000 (or messagingServiceSid=MG…)[&apiUrl=https://…]:
//   Twilio's Messages API through the official package. `apiUrl` sends its requests to another
//   origin (a regional proxy, or a test's stand-in) through the package's own httpClient option.
// - unset: messages to phone numbers stay in the outbox (lib/messaging/sender.ts).
// SMS_URL's userinfo is a secret: parse errors name the variable and the rule, never the value.
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";

export type SmsConfig =
  | { kind: "sns"; region: string; endpoint?: string; senderId?: string }
  | { kind: "twilio"; accountSid: string; authToken: string; from?: string; messagingServiceSid?: string; apiUrl?: string };

export type SmsSender = { send(message: { to: string; body: string }): Promise<void> };

export class SmsUrlError extends Error {}

const SHAPE = /^(sns|twilio):\/\/(?:([^:@/?]*)(?::([^@/?]*))?@)?([^/?]*)\/?(?:\?(.*))?$/;

/** Query parameters, where "+" stays a plus: phone numbers are written +15550000000, not %2B15550000000. */
function queryOf(raw: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (raw ?? "").split("&").filter(Boolean)) {
    const at = part.indexOf("=");
    const key = decodeURIComponent(at < 0 ? part : part.slice(0, at));
    out.set(key, decodeURIComponent(at < 0 ? "" : part.slice(at + 1)));
  }
  return out;
}

function httpUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SmsUrlError(`${name}= must be an http(s) URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new SmsUrlError(`${name}= must be an http(s) URL`);
  return value.replace(/\/+$/, "");
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** Parses SMS_URL; throws SmsUrlError saying what is wrong (without repeating the secret). */
export function parseSmsUrl(value: string): SmsConfig {
  const match = SHAPE.exec(value.trim());
  if (!match) throw new SmsUrlError("must be sns://?region=… or twilio://ACCOUNT_SID:AUTH_TOKEN@?from=+15550000000");
  const [, scheme, user, password, host, rawQuery] = match;
  let query: Map<string, string>;
  try {
    query = queryOf(rawQuery);
  } catch {
    throw new SmsUrlError("has a malformed query string");
  }
  const allowed = scheme === "sns" ? ["region", "endpoint", "senderId"] : ["from", "messagingServiceSid", "apiUrl"];
  const unknown = [...query.keys()].filter((k) => !allowed.includes(k));
  if (unknown.length) throw new SmsUrlError(`unknown parameter ${unknown[0]} (${scheme}:// takes ${allowed.join(", ")})`);
  if (host) throw new SmsUrlError(`${scheme}:// takes no host: put settings in the query, e.g. ${scheme === "sns" ? "sns://?region=us-east-1" : "twilio://SID:TOKEN@?from=+15550000000"}`);

  if (scheme === "sns") {
    if (user || password) throw new SmsUrlError("sns:// takes no credentials: they come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID…, a profile or a role)");
    const region = query.get("region");
    if (!region || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new SmsUrlError("sns:// needs region=, e.g. sns://?region=us-east-1");
    const senderId = query.get("senderId");
    if (senderId !== undefined && !/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/.test(senderId)) {
      throw new SmsUrlError("senderId= must be 1 to 11 letters and digits, with at least one letter");
    }
    const endpoint = query.get("endpoint");
    return { kind: "sns", region, ...(endpoint ? { endpoint: httpUrl(endpoint, "endpoint") } : {}), ...(senderId ? { senderId } : {}) };
  }

  const accountSid = decodeURIComponent(user ?? "");
  const authToken = decodeURIComponent(password ?? "");
  if (!/^AC[0-9a-fA-F]{32}$/.test(accountSid)) throw new SmsUrlError("twilio:// needs the account SID (AC followed by 32 hex digits) as its user name");
  if (!authToken) throw new SmsUrlError("twilio:// needs the auth token as its password: twilio://ACCOUNT_SID:AUTH_TOKEN@?from=…");
  const from = query.get("from");
  const messagingServiceSid = query.get("messagingServiceSid");
  if (!from && !messagingServiceSid) throw new SmsUrlError("twilio:// needs from=+15550000000 or messagingServiceSid=MG…");
  if (from && !E164.test(from) && !/^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/.test(from)) throw new SmsUrlError("from= must be a phone number in E.164 form (+15550000000) or an alphanumeric sender ID");
  if (messagingServiceSid && !/^MG[0-9a-fA-F]{32}$/.test(messagingServiceSid)) throw new SmsUrlError("messagingServiceSid= must be MG followed by 32 hex digits");
  const apiUrl = query.get("apiUrl");
  return {
    kind: "twilio", accountSid, authToken,
    ...(from ? { from } : {}), ...(messagingServiceSid ? { messagingServiceSid } : {}), ...(apiUrl ? { apiUrl: httpUrl(apiUrl, "apiUrl") } : {}),
  };
}

/** A sender for the configured service. Delivery errors are thrown (the caller logs them and words them). */
export function createSmsSender(config: SmsConfig): SmsSender {
  return config.kind === "sns" ? snsSender(config) : twilioSender(config);
}

function snsSender(config: Extract<SmsConfig, { kind: "sns" }>): SmsSender {
  const client = new SNSClient({ region: config.region, ...(config.endpoint ? { endpoint: config.endpoint } : {}) });
  return {
    async send({ to, body }) {
      await client.send(new PublishCommand({
        PhoneNumber: to,
        Message: body,
        MessageAttributes: {
          // Codes are time-critical: Transactional is SNS's class for them (higher delivery priority).
          "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" },
          ...(config.senderId ? { "AWS.SNS.SMS.SenderID": { DataType: "String", StringValue: config.senderId } } : {}),
        },
      }));
    },
  };
}

function twilioSender(config: Extract<SmsConfig, { kind: "twilio" }>): SmsSender {
  const options: twilio.ClientOpts = {};
  if (config.apiUrl) options.httpClient = new OriginRequestClient(config.apiUrl);
  const client = twilio(config.accountSid, config.authToken, options);
  return {
    async send({ to, body }) {
      await client.messages.create({
        to, body,
        ...(config.messagingServiceSid ? { messagingServiceSid: config.messagingServiceSid } : { from: config.from! }),
      });
    },
  };
}

/**
 * The package writes its own https://api.twilio.com URLs; its httpClient option is the documented
 * seam for a custom transport. This one keeps each request's path and query and changes the origin.
 */
class OriginRequestClient extends twilio.RequestClient {
  readonly #base: URL;
  constructor(apiUrl: string) {
    super();
    this.#base = new URL(apiUrl);
  }
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = new URL(opts.uri);
    const target = new URL(`${this.#base.pathname.replace(/\/$/, "")}${uri.pathname}${uri.search}`, this.#base.origin);
    return super.request<TData>({ ...opts, uri: target.href });
  }
}
