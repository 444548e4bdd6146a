// The real @aws-sdk/client-sns and twilio packages, driven by createSmsSender, against local
// stand-ins that speak SNS's and Twilio's protocols (tests/support/sms/).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createSmsSender, parseSmsUrl } from "./sms.ts";
import { startSnsStandIn } from "../../tests/support/sms/sns.ts";
import { startTwilioStandIn } from "../../tests/support/sms/twilio.ts";

const SID = `AC${"5a".repeat(16)}`;
const TOKEN = "twilio-auth-token";
let sns: Awaited<ReturnType<typeof startSnsStandIn>>;
let tw: Awaited<ReturnType<typeof startTwilioStandIn>>;

before(async () => {
  process.env.AWS_ACCESS_KEY_ID = "AKIASTANDIN0000000001";
  process.env.AWS_SECRET_ACCESS_KEY = "stand-in-secret";
  sns = await startSnsStandIn({ accessKeyId: "AKIASTANDIN0000000001" });
  tw = await startTwilioStandIn({ accountSid: SID, authToken: TOKEN });
});
after(async () => {
  await sns.stop();
  await tw.stop();
});

test("sns:// publishes a transactional SMS, signed with the SDK's default credentials", async () => {
  const sender = createSmsSender(parseSmsUrl(`sns://?region=eu-west-1&senderId=Acme&endpoint=${sns.url}`));
  await sender.send({ to: "+15550001111", body: "Your code is 123456" });
  assert.equal(sns.messages.length, 1);
  const [sms] = sns.messages;
  assert.equal(sms!.phoneNumber, "+15550001111");
  assert.equal(sms!.message, "Your code is 123456");
  assert.equal(sms!.region, "eu-west-1");
  assert.deepEqual(sms!.attributes["AWS.SNS.SMS.SMSType"], { DataType: "String", StringValue: "Transactional" });
  assert.deepEqual(sms!.attributes["AWS.SNS.SMS.SenderID"], { DataType: "String", StringValue: "Acme" });
});

test("sns:// delivery errors reach the caller", async () => {
  const sender = createSmsSender(parseSmsUrl(`sns://?region=us-east-1&endpoint=${sns.url}`));
  sns.failNext(5);
  await assert.rejects(sender.send({ to: "+15550002222", body: "x" }));
  sns.failNext(0);
  await assert.rejects(sender.send({ to: "not-a-number", body: "x" }), /PhoneNumber/);
});

test("twilio:// creates a message through the official package, with Basic auth and from=", async () => {
  const sender = createSmsSender(parseSmsUrl(`twilio://${SID}:${TOKEN}@?from=+15550000000&apiUrl=${tw.url}`));
  await sender.send({ to: "+15550003333", body: "Your code is 654321" });
  assert.deepEqual(tw.messages.at(-1), { to: "+15550003333", body: "Your code is 654321", from: "+15550000000", messagingServiceSid: null });
});

test("twilio:// with messagingServiceSid= sends through the service", async () => {
  const service = `MG${"7b".repeat(16)}`;
  await createSmsSender(parseSmsUrl(`twilio://${SID}:${TOKEN}@?messagingServiceSid=${service}&apiUrl=${tw.url}`)).send({ to: "+15550004444", body: "hi" });
  assert.deepEqual(tw.messages.at(-1), { to: "+15550004444", body: "hi", from: null, messagingServiceSid: service });
});

test("twilio:// with a wrong auth token is refused, and the error reaches the caller", async () => {
  const before = tw.refused();
  await assert.rejects(createSmsSender(parseSmsUrl(`twilio://${SID}:wrong@?from=+15550000000&apiUrl=${tw.url}`)).send({ to: "+15550005555", body: "x" }), /Authenticate/);
  assert.equal(tw.refused(), before + 1);
});
