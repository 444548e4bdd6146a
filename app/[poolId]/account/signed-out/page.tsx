import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { z } from "zod";
import { loadSignedOutPage } from "@/lib/account/load-account-page.ts";
import { getRuntime } from "@/lib/runtime.ts";
import { SignedOutPage } from "@/components/account/signed-out-page.tsx";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account.signedOut"))("signedOutTitle"), robots: { index: false } };
}

const Params = z.object({ poolId: z.string().regex(/^[\w-]{1,64}$/) });
// Any other value (or none) is a plain sign-out.
const Query = z.object({ reason: z.enum(["signed-out", "everywhere", "failed"]).catch("signed-out") });

export default async function SignedOut({ params, searchParams }: { params: Promise<{ poolId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = Params.safeParse(await params);
  if (!parsed.success) notFound();
  const query = Query.parse(await searchParams);
  const view = await loadSignedOutPage(getRuntime(), { poolId: parsed.data.poolId, reason: query.reason });
  if (!view) notFound();
  return <SignedOutPage view={view} />;
}
