import Link from "next/link";
import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx.ts";

export type TabNavItem = {
  label: ReactNode;
  href: string;
  active?: boolean;
  /** A small count after the label, e.g. the number of users. */
  count?: number;
};

type TabNavProps = {
  items: TabNavItem[];
  /** The nav's accessible name, e.g. "User pool sections". */
  label: string;
  className?: string;
};

/** Link tabs between sub-pages; scrolls sideways when they do not fit. */
export function TabNav({ items, label, className }: TabNavProps) {
  return (
    <nav aria-label={label} className={cx("mb-6 overflow-x-auto", className)}>
      <ul className="flex w-max min-w-full gap-6 border-b border-zinc-200">
        {items.map((item) => (
          <li key={item.href} className="-mb-px flex">
            <Link
              href={item.href}
              aria-current={item.active ? "page" : undefined}
              className={cx(
                "inline-flex items-center gap-2 whitespace-nowrap rounded-t-sm border-b-2 px-1 py-3 text-sm font-medium transition-colors",
                // Inset: the scrolling container would clip an outline drawn outside the link.
                "focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600",
                item.active ? "border-indigo-600 text-indigo-600" : "border-transparent text-zinc-500 hover:border-zinc-300 hover:text-zinc-800",
              )}
            >
              {item.label}
              {item.count !== undefined ? (
                <span
                  className={cx(
                    "rounded-full px-2 py-0.5 text-xs font-medium tabular-nums",
                    item.active ? "bg-indigo-50 text-indigo-700" : "bg-zinc-100 text-zinc-600",
                  )}
                >
                  {item.count}
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
