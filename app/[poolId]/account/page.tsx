import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { loadAccountPage } from "@/lib/account/load-account-page.ts";
import { cookieName } from "@/lib/account/sealed-cookie.ts";
import { getRuntime } from "@/lib/runtime.ts";
import { requestLocale } from "@/lib/i18n/request-locale.ts";
import { deviceCookieName } from "@/lib/devices/device-cookie.ts";
import { AccountPage } from "@/components/account/account-page.tsx";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title"), robots: { index: false } };
}

const Params = z.object({ poolId: z.string().regex(/^[\w-]{1,64}$/) });
const Query = z.object({ m: z.string().max(64).optional() });

export default async function Account({ params, searchParams }: { params: Promise<{ poolId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = Params.safeParse(await params);
  if (!parsed.success) notFound();
  const { poolId } = parsed.data;
  const query = Query.safeParse(await searchParams);
  const jar = await cookies();
  const page = await loadAccountPage(getRuntime(), {
    poolId, sessionCookie: jar.get(cookieName("session", poolId))?.value, flashCookie: jar.get(cookieName("flash", poolId))?.value, flashId: query.success ? query.data.m : undefined,
    deviceCookie: jar.get(deviceCookieName(poolId))?.value, locale: requestLocale(await headers()),
  });
  if (page.kind === "missing") notFound();
  if (page.kind === "sign-in") redirect(page.to);
  return <AccountPage view={page.view} />;
}
