import { cx } from "@/components/ui/cx.ts";

type SpinnerProps = {
  /** Text for screen readers (rendered sr-only). Omit when the surrounding text already says what is loading. */
  label?: string;
  /** Size and colour; defaults to `size-4` in the current text colour. */
  className?: string;
};

export function Spinner({ label, className }: SpinnerProps) {
  return (
    <>
      <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" className={cx("size-4 shrink-0 animate-spin", className)}>
        <circle cx="12" cy="12" r="9.5" stroke="currentColor" strokeWidth="3" className="opacity-25" />
        <path d="M21.5 12A9.5 9.5 0 0 0 12 2.5" stroke="currentColor" strokeWidth="3" strokeLinecap="round" className="opacity-90" />
      </svg>
      {label ? <span className="sr-only">{label}</span> : null}
    </>
  );
}
