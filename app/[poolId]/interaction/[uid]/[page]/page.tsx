import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { isPage, type Page } from "@/lib/hosted-ui/pages.ts";
import { loadHostedView, type HostedView } from "@/lib/hosted-ui/view.ts";
import { pageCookieName } from "@/lib/hosted-ui/page-cookie.ts";
import { getRuntime } from "@/lib/runtime.ts";
import { requestLocale } from "@/lib/i18n/request-locale.ts";
import {
  ConfirmPage, ForgotPasswordPage, LoginPage, MfaCodePage, MfaPage, MfaSelectPage, MfaSetupPage, NewPasswordPage, ResetPasswordPage, SignupPage,
} from "@/components/hosted-ui/pages.tsx";
import { RecoveryCodePage, RecoveryCodesPage } from "@/components/hosted-ui/recovery-codes.tsx";
import { AddPasskeyPage, EmailCodePage, PasskeyPage, SmsCodePage } from "@/components/hosted-ui/passkey-pages.tsx";

export const dynamic = "force-dynamic";

type Params = { poolId: string; uid: string; page: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { page } = await params;
  // In the request's language (messages/{locale}/hosted.json titles).
  const t = await getTranslations("hosted.titles");
  return { title: t(isPage(page) ? page : "notFound"), robots: { index: false } };
}

const PAGES: Record<Page, (props: { view: HostedView }) => React.ReactNode> = {
  login: LoginPage, signup: SignupPage, confirm: ConfirmPage, "forgot-password": ForgotPasswordPage,
  "reset-password": ResetPasswordPage, "new-password": NewPasswordPage, "mfa-setup": MfaSetupPage, mfa: MfaPage,
  "mfa-code": MfaCodePage, "mfa-select": MfaSelectPage,
  "recovery-code": RecoveryCodePage, "recovery-codes": RecoveryCodesPage,
  passkey: PasskeyPage, "email-code": EmailCodePage, "sms-code": SmsCodePage, "add-passkey": AddPasskeyPage,
};

export default async function HostedPage({ params }: { params: Promise<Params> }) {
  const { poolId, uid, page } = await params;
  if (!isPage(page) || !/^[\w-]{1,64}$/.test(uid)) notFound();
  const pageCookie = (await cookies()).get(pageCookieName(poolId))?.value;
  const result = await loadHostedView(getRuntime(), { poolId, uid, page, pageCookies: pageCookie ? [pageCookie] : [], locale: requestLocale(await headers()) });
  if (result.kind === "missing") notFound();
  if (result.kind === "redirect") redirect(result.to);
  const Component = PAGES[page];
  return <Component view={result.view} />;
}
