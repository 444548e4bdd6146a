// A local stand-in for AWS SNS's Publish, speaking the protocol @aws-sdk/client-sns speaks: the AWS
// Query protocol (form-encoded Action=Publish&Version=2010-03-31…, an XML answer), and the AWS JSON
// 1.0 protocol (X-Amz-Target: AmazonSNS.Publish) that newer SDKs may switch to. Each request must
// carry a SigV4 Authorization header for the access key the test set. It records every SMS.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";

export type SnsSms = { phoneNumber: string; message: string; attributes: Record<string, { DataType: string; StringValue?: string }>; accessKeyId: string; region: string };

export async function startSnsStandIn(options: { accessKeyId: string }) {
  const messages: SnsSms[] = [];
  let refused = 0;
  let failNext = 0;
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const auth = String(request.headers.authorization ?? "");
    // AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/sns/aws4_request, SignedHeaders=…, Signature=…
    const credential = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([^/]+)\/sns\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/.exec(auth);
    const target = String(request.headers["x-amz-target"] ?? "");
    const json = target.length > 0;
    const fail = (status: number, code: string, message: string) => {
      if (json) {
        response.writeHead(status, { "content-type": "application/x-amz-json-1.0" }).end(JSON.stringify({ __type: code, message }));
      } else {
        response.writeHead(status, { "content-type": "text/xml" })
          .end(`<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`);
      }
    };
    if (request.method !== "POST" || !credential || credential[1] !== options.accessKeyId || !request.headers["x-amz-date"]) {
      refused++;
      return fail(403, "InvalidClientTokenId", "The security token included in the request is invalid.");
    }
    let publish: { PhoneNumber?: string; Message?: string; MessageAttributes?: Record<string, { DataType: string; StringValue?: string }> };
    if (json) {
      if (target !== "AmazonSNS.Publish") return fail(400, "InvalidAction", `Unknown target ${target}`);
      publish = JSON.parse(body) as typeof publish;
    } else {
      const form = new URLSearchParams(body);
      if (form.get("Action") !== "Publish" || form.get("Version") !== "2010-03-31") return fail(400, "InvalidAction", "Only Publish is answered here.");
      const attributes: Record<string, { DataType: string; StringValue?: string }> = {};
      for (let i = 1; form.has(`MessageAttributes.entry.${i}.Name`); i++) {
        attributes[form.get(`MessageAttributes.entry.${i}.Name`)!] = {
          DataType: form.get(`MessageAttributes.entry.${i}.Value.DataType`) ?? "",
          StringValue: form.get(`MessageAttributes.entry.${i}.Value.StringValue`) ?? undefined,
        };
      }
      publish = { PhoneNumber: form.get("PhoneNumber") ?? undefined, Message: form.get("Message") ?? undefined, MessageAttributes: attributes };
    }
    if (!publish.PhoneNumber || !/^\+[1-9]\d{6,14}$/.test(publish.PhoneNumber)) return fail(400, "InvalidParameter", "Invalid parameter: PhoneNumber Reason: not E.164");
    if (!publish.Message) return fail(400, "InvalidParameter", "Invalid parameter: Empty message");
    if (failNext > 0) {
      failNext--;
      return fail(500, "InternalError", "The stand-in was told to fail.");
    }
    messages.push({ phoneNumber: publish.PhoneNumber, message: publish.Message, attributes: publish.MessageAttributes ?? {}, accessKeyId: credential[1], region: credential[2]! });
    const messageId = randomUUID();
    if (json) {
      response.writeHead(200, { "content-type": "application/x-amz-json-1.0" }).end(JSON.stringify({ MessageId: messageId }));
    } else {
      response.writeHead(200, { "content-type": "text/xml" })
        .end(`<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    messages,
    /** Requests refused for a missing or foreign signature. */
    refused: () => refused,
    /** The next `n` Publish calls answer 500. */
    failNext: (n: number) => void (failNext = n),
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
