// The pool and client a first start creates when there is no config file, so that a new user can
// try a sign-in straight away.
import type { Db } from "../db/client.ts";
import { applyConfig } from "./apply-config.ts";
import { countUserPools } from "../pools/pool.queries.ts";
import { ConfigFileSchema } from "../pools/config-schema.ts";
import type { Secrets } from "../security/secrets.ts";

export const DEMO_POOL_ID = "local_Demo12345";
export const DEMO_CLIENT_ID = "demo-web";

export function demoConfig(publicUrl: string) {
  return ConfigFileSchema.parse({
    pools: [
      {
        id: DEMO_POOL_ID,
        name: "Demo",
        signInAliases: ["email"],
        autoVerifiedAttributes: ["email"],
        selfSignUp: true,
        mfa: "OPTIONAL",
        clients: [
          {
            clientId: DEMO_CLIENT_ID,
            name: "Demo web app",
            // The built-in callback page shows what an app receives.
            callbackUrls: [`${publicUrl}/demo/callback`],
            logoutUrls: [`${publicUrl}/demo/callback`],
            allowedOAuthFlows: ["code"],
            allowedScopes: ["openid", "email", "profile", "phone", "aws.cognito.signin.user.admin"],
          },
        ],
      },
    ],
  });
}

/** Creates the demo pool on a first start (no pools at all); returns whether it did. */
export async function ensureDemoPool(deps: { db: Db; secrets: Secrets }, publicUrl: string): Promise<boolean> {
  if ((await countUserPools(deps.db)) > 0) return false;
  await applyConfig(deps, demoConfig(publicUrl));
  return true;
}
