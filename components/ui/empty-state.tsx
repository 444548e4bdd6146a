import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx.ts";

type EmptyStateProps = {
  /** An icon (an aria-hidden svg), shown in a soft circle above the title. */
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** Usually a primary Button or ButtonLink. */
  action?: ReactNode;
  /** 3 by default (inside a card under an h2). */
  headingLevel?: 2 | 3 | 4;
  /** A dashed outline, for use directly on the page rather than inside a card. */
  bordered?: boolean;
  className?: string;
};

export function EmptyState({ icon, title, description, action, headingLevel = 3, bordered = false, className }: EmptyStateProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div
      className={cx(
        "flex flex-col items-center px-6 py-12 text-center",
        bordered && "rounded-lg border border-dashed border-zinc-300",
        className,
      )}
    >
      {icon ? (
        <div className="mb-4 flex size-11 items-center justify-center rounded-full bg-zinc-100 text-zinc-500 [&_svg]:size-5">{icon}</div>
      ) : null}
      <Heading className="text-sm font-semibold text-zinc-900">{title}</Heading>
      {description ? <div className="mt-1 max-w-sm text-sm text-zinc-500">{description}</div> : null}
      {action ? <div className="mt-6 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  );
}
