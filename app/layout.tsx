import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { getLocale } from "next-intl/server";
import { directionOf } from "@/lib/i18n/locales.ts";
import "./globals.css";

export const metadata: Metadata = { title: { default: "Gatehouse", template: "%s · Gatehouse" } };
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The request's language (lib/i18n/request-locale.ts): a pool's pages speak the user's; the console speaks English.
  const locale = await getLocale();
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <body className="min-h-screen antialiased">{children}</body>
    </html>
  );
}
