import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { isPage, type Page } from "@/lib/hosted-ui/pages.ts";
import { loadHostedView, type HostedView } from "@/lib/hosted-ui/view.ts";
import { pageCookieName } from "@/lib/hosted-ui/page-cookie.ts";
import { getRuntime } from "@/lib/runtime.ts";
import {
  ConfirmPage, ForgotPasswordPage, LoginPage, MfaCodePage, MfaPage, MfaSelectPage, MfaSetupPage, NewPasswordPage, ResetPasswordPage, SignupPage,
} from "@/components/hosted-ui/pages.tsx";
import { RecoveryCodePage, RecoveryCodesPage } from "@/components/hosted-ui/recovery-codes.tsx";
import { AddPasskeyPage, EmailCodePage, PasskeyPage, SmsCodePage } from "@/components/hosted-ui/passkey-pages.tsx";

export const dynamic = "force-dynamic";

type Params = { poolId: string; uid: string; page: string };

const TITLES: Record<Page, string> = {
  login: "Sign in", signup: "Create account", confirm: "Confirm account", "forgot-password": "Reset password",
  "reset-password": "Choose a new password", "new-password": "Set a new password", "mfa-setup": "Set up two-factor authentication",
  mfa: "Two-factor authentication", "mfa-code": "Enter your sign-in code", "mfa-select": "Verify it's you",
  "recovery-code": "Use a recovery code", "recovery-codes": "Save your recovery codes",
  passkey: "Sign in with a passkey", "email-code": "Check your email", "sms-code": "Check your phone", "add-passkey": "Add a passkey",
};

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { page } = await params;
  return { title: isPage(page) ? TITLES[page] : "Not found", robots: { index: false } };
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
  const result = await loadHostedView(getRuntime(), { poolId, uid, page, pageCookies: pageCookie ? [pageCookie] : [] });
  if (result.kind === "missing") notFound();
  if (result.kind === "redirect") redirect(result.to);
  const Component = PAGES[page];
  return <Component view={result.view} />;
}
