import type { ComponentProps } from "react";
import { Circle } from "lucide-react";
import { cx } from "@/components/ui/cx.ts";

export type BadgeTone = "neutral" | "success" | "warning" | "danger" | "info";

const tones: Record<BadgeTone, { badge: string; dot: string }> = {
  neutral: { badge: "bg-zinc-50 text-zinc-700 ring-zinc-500/20", dot: "fill-zinc-400" },
  success: { badge: "bg-emerald-50 text-emerald-700 ring-emerald-600/20", dot: "fill-emerald-500" },
  warning: { badge: "bg-amber-50 text-amber-800 ring-amber-600/25", dot: "fill-amber-500" },
  danger: { badge: "bg-red-50 text-red-700 ring-red-600/20", dot: "fill-red-500" },
  info: { badge: "bg-indigo-50 text-indigo-700 ring-indigo-600/20", dot: "fill-indigo-500" },
};

type BadgeProps = ComponentProps<"span"> & {
  tone?: BadgeTone;
  /** A small coloured dot before the text, for statuses. */
  dot?: boolean;
};

export function Badge({ tone = "neutral", dot = false, className, children, ...props }: BadgeProps) {
  return (
    <span
      className={cx(
        "inline-flex items-center gap-1.5 whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        tones[tone].badge,
        className,
      )}
      {...props}
    >
      {dot ? (
        <Circle aria-hidden="true" strokeWidth={0} className={cx("size-1.5", tones[tone].dot)} />
      ) : null}
      {children}
    </span>
  );
}
