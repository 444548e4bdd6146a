import Link from "next/link";
import type { ComponentProps } from "react";
import { cx } from "@/components/ui/cx.ts";
import { Spinner } from "@/components/ui/spinner.tsx";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost" | "danger-ghost";
export type ButtonSize = "sm" | "md";

const base =
  "inline-flex cursor-pointer items-center justify-center gap-2 whitespace-nowrap rounded-lg font-medium transition-colors select-none " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 " +
  "disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60 " +
  "[&_svg]:shrink-0";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-indigo-600 text-white shadow-xs hover:not-disabled:bg-indigo-500 active:not-disabled:bg-indigo-700 focus-visible:outline-indigo-600",
  secondary:
    "bg-white text-zinc-900 shadow-xs ring-1 ring-inset ring-zinc-300 hover:not-disabled:bg-zinc-50 active:not-disabled:bg-zinc-100 focus-visible:outline-indigo-600",
  danger: "bg-red-600 text-white shadow-xs hover:not-disabled:bg-red-500 active:not-disabled:bg-red-700 focus-visible:outline-red-600",
  ghost: "text-zinc-700 hover:not-disabled:bg-zinc-100 hover:not-disabled:text-zinc-900 active:not-disabled:bg-zinc-200 focus-visible:outline-indigo-600",
  "danger-ghost": "text-red-600 hover:not-disabled:bg-red-50 hover:not-disabled:text-red-700 active:not-disabled:bg-red-100 focus-visible:outline-red-600",
};

const sizes: Record<ButtonSize, string> = {
  sm: "h-8 px-3 text-sm",
  md: "h-9 px-4 text-sm",
};

/** The classes of a button, for elements that must look like one but are neither `Button` nor `ButtonLink`. */
export function buttonClasses({ variant = "primary", size = "md", className }: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}) {
  return cx(base, variants[variant], sizes[size], className);
}

type ButtonProps = ComponentProps<"button"> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shows a spinner before the label, sets aria-busy and disables the button. */
  loading?: boolean;
};

export function Button({ variant, size, loading = false, disabled, className, type = "button", children, ...props }: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      className={buttonClasses({ variant, size, className })}
      {...props}
    >
      {loading ? <Spinner /> : null}
      {children}
    </button>
  );
}

type ButtonLinkProps = Omit<ComponentProps<"a">, "href"> & {
  href: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Passed to next/link. */
  prefetch?: boolean | null;
  /**
   * Render a plain `<a>` instead of next/link: for downloads, route handlers and other sites,
   * which must not be prefetched or navigated to client-side.
   */
  native?: boolean;
};

/** A link that looks like a button. In-app links navigate client-side through next/link. */
export function ButtonLink({ href, variant, size, className, native = false, prefetch, children, ...props }: ButtonLinkProps) {
  const classes = buttonClasses({ variant, size, className });
  if (native) {
    return (
      <a href={href} className={classes} {...props}>
        {children}
      </a>
    );
  }
  return (
    <Link href={href} prefetch={prefetch} className={classes} {...props}>
      {children}
    </Link>
  );
}
