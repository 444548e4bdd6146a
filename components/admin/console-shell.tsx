import Link from "next/link";
import { House } from "lucide-react";
import type { ReactNode } from "react";
import { SignOutButton } from "./sign-out-button.tsx";
import { ConsoleNav } from "./console-nav.tsx";

export function GatehouseMark({ className = "size-7" }: { className?: string }) {
  return (
    <span aria-hidden="true" className={`inline-flex items-center justify-center rounded-lg bg-indigo-600 text-white ${className}`}>
      <House className="size-4" strokeWidth={2.2} />
    </span>
  );
}

/** Every console page: the sidebar (a top bar on phones), the signed-in admin, the content. */
export function ConsoleShell({ admin, logoutUrl, children }: { admin: string; logoutUrl: string; children: ReactNode }) {
  return (
    <div className="min-h-screen lg:grid lg:grid-cols-[15rem_1fr]">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <header className="border-b border-zinc-200 bg-white lg:sticky lg:top-0 lg:flex lg:h-screen lg:flex-col lg:border-b-0 lg:border-r">
        <div className="flex items-center justify-between gap-3 px-4 py-3 lg:px-5 lg:py-5">
          <Link href="/admin" className="flex items-center gap-2.5 rounded-md font-semibold text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
            <GatehouseMark />
            <span>Gatehouse</span>
            <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-[11px] font-medium text-zinc-600">Console</span>
          </Link>
          <div className="lg:hidden">
            <SignOutButton logoutUrl={logoutUrl} compact />
          </div>
        </div>
        <ConsoleNav />
        <div className="mt-auto hidden border-t border-zinc-200 px-5 py-4 lg:block">
          <p className="truncate text-xs text-zinc-500">Signed in as</p>
          <p className="truncate font-medium text-zinc-800" title={admin}>{admin}</p>
          <div className="mt-3">
            <SignOutButton logoutUrl={logoutUrl} />
          </div>
        </div>
      </header>
      <main id="main" className="min-w-0 px-4 py-6 sm:px-6 lg:px-10 lg:py-8">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
