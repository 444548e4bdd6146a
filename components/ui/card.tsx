import type { ComponentProps, ReactNode } from "react";
import { cx } from "@/components/ui/cx.ts";

export function Card({ className, ...props }: ComponentProps<"div">) {
  return <div className={cx("rounded-lg border border-zinc-200 bg-white shadow-xs", className)} {...props} />;
}

type CardHeaderProps = {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons or links shown at the right (below the title on phones). */
  actions?: ReactNode;
  /** Heading level of the title; 2 by default (the page's h1 is in PageHeader). */
  headingLevel?: 2 | 3 | 4;
  /** Id of the title, e.g. for a section's aria-labelledby. */
  titleId?: string;
  className?: string;
};

export function CardHeader({ title, description, actions, headingLevel = 2, titleId, className }: CardHeaderProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className={cx("flex flex-col gap-3 border-b border-zinc-200 px-4 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-6", className)}>
      <div className="min-w-0">
        <Heading id={titleId} className="text-base font-semibold text-zinc-900">
          {title}
        </Heading>
        {description ? <div className="mt-1 text-sm text-zinc-500">{description}</div> : null}
      </div>
      {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
    </div>
  );
}

type CardBodyProps = ComponentProps<"div"> & {
  /** No padding: for a table or list that runs edge to edge. */
  flush?: boolean;
};

export function CardBody({ flush = false, className, ...props }: CardBodyProps) {
  return <div className={cx(flush ? undefined : "px-4 py-5 sm:px-6", "text-sm text-zinc-700", className)} {...props} />;
}

export function CardFooter({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      className={cx("flex flex-wrap items-center justify-end gap-3 rounded-b-lg border-t border-zinc-200 bg-zinc-50 px-4 py-3 sm:px-6", className)}
      {...props}
    />
  );
}
