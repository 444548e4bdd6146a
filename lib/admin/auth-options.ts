// next-auth's configuration for the console: one OpenID Connect provider, Gatehouse's own system
// pool. The browser goes to the public authorize URL; the server redeems the code and fetches
// keys over the loopback address, so a deployment behind a proxy need not reach itself through
// its public URL. Sessions are encrypted JWT cookies; every request re-checks the admin in the
// database (lib/admin/api/authenticate.ts), so removing an admin takes effect at once.
import type { AuthOptions } from "next-auth";
import type { Runtime } from "../runtime.ts";
import { CONSOLE_CLIENT_ID, SYSTEM_POOL_ID, consoleClientSecret, findAdmin } from "./system-pool.ts";

export const CONSOLE_SESSION_SECONDS = 8 * 60 * 60;

export function consoleAuthSecret(rt: Runtime): string {
  return rt.secrets.derive("console-session/v1");
}

export function consoleIssuer(rt: Runtime): string {
  return `${rt.env.publicUrl}/${SYSTEM_POOL_ID}`;
}

export function authOptions(rt: Runtime): AuthOptions {
  const issuer = consoleIssuer(rt);
  const internal = `${rt.internalUrl}/${SYSTEM_POOL_ID}`;
  return {
    secret: consoleAuthSecret(rt),
    session: { strategy: "jwt", maxAge: CONSOLE_SESSION_SECONDS },
    pages: { signIn: "/admin/sign-in", error: "/admin/sign-in" },
    providers: [
      {
        id: "gatehouse",
        name: "Gatehouse",
        type: "oauth",
        issuer,
        clientId: CONSOLE_CLIENT_ID,
        clientSecret: consoleClientSecret(rt.secrets),
        authorization: { url: `${issuer}/oauth2/authorize`, params: { scope: "openid email profile" } },
        token: `${internal}/oauth2/token`,
        userinfo: `${internal}/oauth2/userInfo`,
        jwks_endpoint: `${internal}/.well-known/jwks.json`,
        idToken: true,
        checks: ["pkce", "state"],
        client: { token_endpoint_auth_method: "client_secret_basic", id_token_signed_response_alg: "RS256" },
        profile(profile: { sub: string; email?: string }) {
          return { id: profile.sub, email: profile.email ?? null };
        },
      },
    ],
    callbacks: {
      // Only members of `admins` get a console session; the database decides, not the token.
      async signIn({ profile }) {
        const sub = (profile as { sub?: string } | undefined)?.sub;
        if (sub && (await findAdmin(rt.db, sub))) return true;
        return "/admin/sign-in?error=NotAdmin";
      },
      async jwt({ token, account, profile }) {
        if (account && profile) {
          token.sub = (profile as { sub: string }).sub;
          token.idToken = account.id_token;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, sub: token.sub }, idToken: token.idToken } as typeof session;
      },
    },
    logger: {
      error: (code, metadata) => rt.log(`console sign-in: ${code} ${metadata instanceof Error ? metadata.message : JSON.stringify(metadata)}`),
      warn: () => {},
      debug: () => {},
    },
  };
}
