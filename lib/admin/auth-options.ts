// next-auth's configuration for the console: one OpenID Connect provider, Gatehouse's own system
// pool. The browser goes to the public authorize URL; the server redeems the code and fetches
// keys over the loopback address, so a deployment behind a proxy need not reach itself through
// its public URL. Sessions are encrypted JWT cookies bound to the sign-in's grant in the system
// pool; every request re-checks that grant and the admin in the database
// (lib/admin/console-session.ts, lib/admin/api/authenticate.ts), so revoking the admin's sessions,
// a new password or removing an admin takes effect at once.
import type { AuthOptions } from "next-auth";
import type { Runtime } from "../runtime.ts";
import { consoleGrantIsLive, endConsoleGrant, grantIdOf } from "./console-session.ts";
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
      // Only members of `admins` get a console session; the database decides, not the token. A
      // sign-in whose grant cannot be told gets none: it could not be revoked.
      async signIn({ profile, account }) {
        const sub = profile?.sub;
        if (!grantIdOf(account?.access_token)) return "/admin/sign-in?error=OAuthCallback";
        if (sub && (await findAdmin(rt.db, sub))) return true;
        return "/admin/sign-in?error=NotAdmin";
      },
      async jwt({ token, account, profile }) {
        if (account && profile) {
          token.sub = (profile as { sub: string }).sub;
          token.grantId = grantIdOf(account.access_token);
          token.idToken = account.id_token;
          return token;
        }
        // next-auth's own session endpoint: a revoked session is refused, and next-auth clears its cookie.
        if (!(await consoleGrantIsLive(rt.db, token))) throw new Error("the console session has ended");
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, sub: token.sub }, idToken: token.idToken } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.grantId === "string") await endConsoleGrant(rt.db, token.grantId);
      },
    },
    logger: {
      error: (code, metadata) => rt.log(`console sign-in: ${code} ${metadata instanceof Error ? metadata.message : JSON.stringify(metadata)}`),
      warn: () => {},
      debug: () => {},
    },
  };
}
