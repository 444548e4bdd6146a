// What the tests of the Cognito API's signed operations share: a server whose console admin can
// make API keys, a key made as an admin makes one, and the real AWS SDK signing with its AWS
// credentials (and the admin API with the key itself, to read the audit log).
import assert from "node:assert/strict";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, signInToConsole } from "./console.ts";
import { sdkClient } from "./cognito-api.ts";
import type { RunningServer } from "./server.ts";

export const ADMIN_ENV = { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD };

export type SigningKey = {
  name: string;
  id: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** The AWS SDK signing with the key's credentials. */
  cognito: CognitoIdentityProviderClient;
  /** The admin API with the key. */
  api: ReturnType<typeof apiClient>;
  /** The key itself (Authorization: Bearer), for admin API calls apiClient does not make (file uploads). */
  key: string;
};

/** A new API key, made in the console the way an admin makes one. */
export async function createSigningKey(server: RunningServer, name: string): Promise<SigningKey> {
  const { browser } = await signInToConsole(server.url);
  const created = await browser.api(`${server.url}/api/admin/api-keys`, { method: "POST", json: { name } });
  assert.equal(created.status, 201, `the console made no API key: ${created.status}`);
  const body = (await created.json()) as { key: string; secretAccessKey: string; apiKey: { id: string; accessKeyId: string } };
  assert.ok(body.apiKey.accessKeyId && body.secretAccessKey, "the new key comes with AWS credentials");
  const credentials = { accessKeyId: body.apiKey.accessKeyId, secretAccessKey: body.secretAccessKey };
  return { name, id: body.apiKey.id, credentials, cognito: sdkClient(server, credentials), api: apiClient(server.url, body.key), key: body.key };
}

export { refusal } from "./cognito-api.ts";
