import Link from "next/link";
import type { ReactNode } from "react";
import { focusRing } from "@/components/ui/cx.ts";
import { ChevronLeftIcon } from "@/components/ui/icons.tsx";

/** "‹ App clients": the way back to the list a detail page belongs to. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className={`inline-flex items-center gap-1 rounded-sm text-sm font-medium text-zinc-500 hover:text-zinc-900 ${focusRing}`}>
      <ChevronLeftIcon />
      {children}
    </Link>
  );
}
