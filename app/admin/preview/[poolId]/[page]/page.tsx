// The branding editor's preview: a real hosted page (the same components users see) with sample
// content and the draft or published branding. Admins only; framed by the console. ?lang= previews
// one language: its branding texts, and the page's wording in it.
import { notFound } from "next/navigation";
import { ConfirmPage, ForgotPasswordPage, LoginPage, MfaPage, NewPasswordPage, SignupPage } from "@/components/hosted-ui/pages.tsx";
import { setRequestLocale } from "next-intl/server";
import { getBrandingState, previewClientName } from "@/lib/branding/branding.ts";
import { brandingInLanguage } from "@/lib/branding/schema.ts";
import { isLocale } from "@/lib/i18n/locales.ts";
import { previewView, type HostedView } from "@/lib/hosted-ui/view.ts";
import { getPool } from "@/lib/pools/pool.ts";
import { isAppError } from "@/lib/errors.ts";
import { requireAdmin } from "../../../require-admin.ts";

export const dynamic = "force-dynamic";

const PREVIEW_PAGES = { login: LoginPage, signup: SignupPage, confirm: ConfirmPage, "forgot-password": ForgotPasswordPage, mfa: MfaPage, "new-password": NewPasswordPage } as const;
type PreviewPage = keyof typeof PREVIEW_PAGES;

export default async function PreviewPage({ params, searchParams }: {
  params: Promise<{ poolId: string; page: string }>;
  searchParams: Promise<{ clientId?: string; published?: string; error?: string; lang?: string }>;
}) {
  const { rt } = await requireAdmin();
  const { poolId, page } = await params;
  const query = await searchParams;
  if (!(page in PREVIEW_PAGES)) notFound();
  const loaded = await Promise.all([getPool(rt.db, poolId), getBrandingState(rt.db, poolId, query.clientId ?? null)]).catch((error) => {
    if (isAppError(error)) notFound();
    throw error;
  });
  const [pool, state] = loaded;
  const lang = isLocale(query.lang) ? query.lang : null;
  // The console speaks English; the previewed page speaks the language asked for (i18n/request.ts).
  if (lang) setRequestLocale(lang);
  const branding = query.published === "1" ? state.published : state.draft;
  const clientName = await previewClientName(rt.db, poolId, query.clientId ?? null);
  const view: HostedView = previewView(pool, {
    page: page as PreviewPage,
    clientName,
    branding: lang ? brandingInLanguage(branding, lang) : branding,
    error: query.error === "1",
  });
  const Component = PREVIEW_PAGES[page as PreviewPage];
  return lang ? <div lang={lang}><Component view={view} /></div> : <Component view={view} />;
}
