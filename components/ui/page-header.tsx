import Link from "next/link";
import type { ReactNode } from "react";
import { ChevronRight } from "lucide-react";
import { cx, focusRing } from "@/components/ui/cx.ts";

export type Breadcrumb = { label: string; href?: string };

type PageHeaderProps = {
  title: ReactNode;
  description?: ReactNode;
  /** Trail above the title; the last crumb (usually without href) is the current page. */
  breadcrumbs?: Breadcrumb[];
  /** Small items under the title: badges, an id with a CopyButton… */
  meta?: ReactNode;
  /** Buttons at the right (below the title on phones). */
  actions?: ReactNode;
  className?: string;
};

export function PageHeader({ title, description, breadcrumbs, meta, actions, className }: PageHeaderProps) {
  return (
    <div className={cx("mb-6 sm:mb-8", className)}>
      {breadcrumbs && breadcrumbs.length > 0 ? <Breadcrumbs items={breadcrumbs} /> : null}
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight wrap-anywhere text-zinc-900 sm:text-2xl">{title}</h1>
          {description ? <div className="mt-1 max-w-3xl text-sm text-zinc-500">{description}</div> : null}
          {meta ? <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm text-zinc-500">{meta}</div> : null}
        </div>
        {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
    </div>
  );
}

function Breadcrumbs({ items }: { items: Breadcrumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2">
      <ol className="flex flex-wrap items-center gap-x-1.5 gap-y-1 text-sm text-zinc-500">
        {items.map((item, index) => {
          const last = index === items.length - 1;
          return (
            <li key={`${index}-${item.label}`} className="flex min-w-0 items-center gap-1.5">
              {index > 0 ? (
                <ChevronRight aria-hidden="true" className="size-4 shrink-0 text-zinc-400" />
              ) : null}
              {item.href ? (
                <Link
                  href={item.href}
                  aria-current={last ? "page" : undefined}
                  className={cx("max-w-60 truncate rounded-sm hover:text-zinc-900", focusRing)}
                >
                  {item.label}
                </Link>
              ) : (
                <span aria-current={last ? "page" : undefined} className={cx("max-w-60 truncate", last && "font-medium text-zinc-700")}>
                  {item.label}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
