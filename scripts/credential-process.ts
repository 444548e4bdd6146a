// Gatehouse as the AWS CLI's and SDKs' credential_process:
//   credential_process = npx tsx scripts/credential-process.ts --gatehouse https://id.example.com \
//     --identity-pool local:7c9a… [--token-file ~/.cache/app/id-token | --token-env APP_ID_TOKEN]
// It posts the ID token (none: a guest) to {gatehouse}/token-to-credentials?format=credential_process
// and prints the answer, which is already the shape credential_process wants; a refusal goes to
// stderr with a non-zero exit, so the CLI reports it.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    gatehouse: { type: "string" },
    "identity-pool": { type: "string" },
    "token-file": { type: "string" },
    "token-env": { type: "string" },
    "custom-role-arn": { type: "string" },
  },
});

async function main(): Promise<number> {
  if (!values.gatehouse || !values["identity-pool"]) {
    process.stderr.write("usage: credential-process --gatehouse URL --identity-pool ID [--token-file FILE | --token-env VAR] [--custom-role-arn ARN]\n");
    return 2;
  }
  let token: string | undefined;
  if (values["token-file"]) token = readFileSync(values["token-file"], "utf8").trim();
  else if (values["token-env"]) token = process.env[values["token-env"]]?.trim();
  const response = await fetch(`${values.gatehouse.replace(/\/+$/, "")}/token-to-credentials?format=credential_process`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ identityPoolId: values["identity-pool"], ...(values["custom-role-arn"] ? { customRoleArn: values["custom-role-arn"] } : {}) }),
  });
  const text = await response.text();
  if (!response.ok) {
    process.stderr.write(`Gatehouse refused (${response.status}): ${text}\n`);
    return 1;
  }
  process.stdout.write(text + "\n");
  return 0;
}

main().then((code) => process.exit(code), (error: Error) => {
  process.stderr.write(`credential-process: ${error.message}\n`);
  process.exit(1);
});
