import Link from "next/link";
import type { ComponentProps } from "react";
import { ArrowUp, ChevronsUpDown } from "lucide-react";
import { cx } from "@/components/ui/cx.ts";
import { ScrollRegion } from "@/components/ui/scroll-region.tsx";

type Align = "left" | "center" | "right";
const alignClass: Record<Align, string> = { left: "text-left", center: "text-center", right: "text-right" };

// The outer cells line up with the padding of CardHeader and CardBody.
const cellPadding = "px-3 first:pl-4 last:pr-4 sm:first:pl-6 sm:last:pr-6";

type TableProps = ComponentProps<"table"> & {
  /** What the table lists, e.g. "Users". Rendered as an sr-only caption and names the scroll region. */
  label?: string;
  /** Classes for the scrolling wrapper. */
  containerClassName?: string;
};

/** A table in a sideways-scrolling wrapper, so wide tables scroll on phones instead of the page. */
export function Table({ label, containerClassName, className, children, ...props }: TableProps) {
  return (
    // relative: screen-reader-only text inside cells must stay inside the scroll box on phones.
    <ScrollRegion label={label} className={cx("relative", containerClassName)}>
      <table className={cx("min-w-full text-sm", className)} {...props}>
        {label ? <caption className="sr-only">{label}</caption> : null}
        {children}
      </table>
    </ScrollRegion>
  );
}

export function THead({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cx("border-b border-zinc-200", className)} {...props} />;
}

export function TBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cx("divide-y divide-zinc-200 bg-white [&>tr]:transition-colors [&>tr:hover]:bg-zinc-50", className)} {...props} />;
}

export function Tr(props: ComponentProps<"tr">) {
  return <tr {...props} />;
}

export type SortDirection = "asc" | "desc" | null;

type ThProps = ComponentProps<"th"> & {
  align?: Align;
  /** Makes the header a link that sorts by this column; `direction` is the current sort (null: not sorted by it). */
  sort?: { href: string; direction: SortDirection };
};

export function Th({ align = "left", sort, scope = "col", className, children, ...props }: ThProps) {
  const ariaSort = sort?.direction === "asc" ? "ascending" : sort?.direction === "desc" ? "descending" : undefined;
  return (
    <th
      scope={scope}
      aria-sort={ariaSort}
      className={cx("whitespace-nowrap py-2.5 text-xs font-medium text-zinc-500", cellPadding, alignClass[align], className)}
      {...props}
    >
      {sort ? (
        <Link
          href={sort.href}
          scroll={false}
          className={cx(
            "group -mx-1 inline-flex items-center gap-1 rounded-sm px-1 hover:text-zinc-900",
            "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600",
            sort.direction && "text-zinc-900",
          )}
        >
          {children}
          <SortIcon direction={sort.direction} />
        </Link>
      ) : (
        children
      )}
    </th>
  );
}

function SortIcon({ direction }: { direction: SortDirection }) {
  if (direction === null) {
    return (
      <ChevronsUpDown aria-hidden="true" className="size-3.5 text-zinc-300 group-hover:text-zinc-500" />
    );
  }
  return (
    <ArrowUp aria-hidden="true" className={cx("size-3.5 text-zinc-700", direction === "desc" && "rotate-180")} />
  );
}

type TdProps = ComponentProps<"td"> & {
  align?: Align;
  /** Let the text wrap (cells do not wrap by default, so ids and dates stay on one line). */
  wrap?: boolean;
};

export function Td({ align = "left", wrap = false, className, ...props }: TdProps) {
  return (
    <td
      className={cx("py-3 align-middle text-zinc-700", cellPadding, alignClass[align], wrap ? "min-w-48" : "whitespace-nowrap", className)}
      {...props}
    />
  );
}

const skeletonWidths = ["w-3/4", "w-1/2", "w-2/3", "w-1/3", "w-5/6", "w-2/5"];

type TableSkeletonProps = {
  rows?: number;
  columns?: number;
  /** Announced to screen readers. */
  label?: string;
  className?: string;
};

/** Pulsing placeholder rows shown while a table loads. */
export function TableSkeleton({ rows = 5, columns = 4, label = "Loading…", className }: TableSkeletonProps) {
  const cols = Array.from({ length: columns }, (_, i) => i);
  return (
    <div role="status" className={className}>
      <span className="sr-only">{label}</span>
      <div aria-hidden="true" className="divide-y divide-zinc-200 motion-safe:animate-pulse">
        <div className="flex gap-6 px-4 py-3.5 sm:px-6">
          {cols.map((c) => (
            <div key={c} className="flex-1">
              <div className="h-2.5 w-1/3 rounded-full bg-zinc-200" />
            </div>
          ))}
        </div>
        {Array.from({ length: rows }, (_, r) => (
          <div key={r} className="flex gap-6 px-4 py-4 sm:px-6">
            {cols.map((c) => (
              <div key={c} className="flex-1">
                <div className={cx("h-3 rounded-full bg-zinc-200/70", skeletonWidths[(r * 3 + c * 2) % skeletonWidths.length])} />
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
