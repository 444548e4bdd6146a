import type { Metadata } from "next";
import { cookies } from "next/headers";
import { DEMO_COOKIE, finishDemoSignIn } from "@/lib/demo/demo-client.ts";
import { getRuntime } from "@/lib/runtime.ts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Demo app" };

type Search = { code?: string; state?: string; error?: string };

export default async function DemoCallback({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const signedOut = !params.code && !params.error;
  const result = signedOut ? null : await finishDemoSignIn(getRuntime(), { ...params, cookie: (await cookies()).get(DEMO_COOKIE)?.value });
  return (
    <main className="mx-auto max-w-3xl px-4 py-10 font-brand">
      <p className="text-sm font-semibold text-primary">Gatehouse demo app</p>
      {signedOut ? (
        <>
          <h1 className="mt-2 text-2xl font-semibold">You are signed out</h1>
          <p className="mt-2 text-muted">The demo app is a client of the demo pool, like one of your applications would be.</p>
        </>
      ) : result?.ok ? (
        <>
          <h1 className="mt-2 text-2xl font-semibold">Signed in as {String(result.idClaims.email ?? result.idClaims["cognito:username"])}</h1>
          <p className="mt-2 text-muted">
            This is what an application receives after the hosted sign-in: an ID token and an access token (decoded below){result.hasRefreshToken ? ", and an opaque refresh token" : ""}.
          </p>
          <Claims title="ID token" claims={result.idClaims} />
          <Claims title="Access token" claims={result.accessClaims} />
          <a href={result.logoutUrl} className="mt-6 inline-block rounded-[calc(var(--gh-radius)-4px)] border border-line bg-surface px-4 py-2 font-semibold hover:bg-canvas">
            Sign out
          </a>
        </>
      ) : (
        <>
          <h1 className="mt-2 text-2xl font-semibold">Sign-in did not complete</h1>
          <p role="alert" className="mt-2 text-danger">{result?.message}</p>
        </>
      )}
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- /demo is a route handler that starts a sign-in (a cookie, a redirect to the hosted UI): a full navigation, never prefetched */}
      <a href="/demo" className="ml-3 mt-6 inline-block rounded-[calc(var(--gh-radius)-4px)] bg-primary px-4 py-2 font-semibold text-on-primary hover:bg-primary-hover">
        {signedOut || !result?.ok ? "Sign in" : "Sign in again"}
      </a>
    </main>
  );
}

function Claims({ title, claims }: { title: string; claims: Record<string, unknown> }) {
  return (
    <section className="mt-6" aria-label={title}>
      <h2 className="text-lg font-semibold">{title}</h2>
      <pre className="mt-2 overflow-x-auto rounded-md bg-surface p-4 text-sm shadow-xs">{JSON.stringify(claims, null, 2)}</pre>
    </section>
  );
}
