"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { cx } from "@/components/ui/cx.ts";

type ScrollRegionProps = {
  /** Accessible name of the region while the content overflows (and the region is focusable). */
  label?: string;
  className?: string;
  children: ReactNode;
};

/**
 * A sideways-scrolling container. While its content overflows it becomes a focusable, named
 * region, so keyboard users can scroll it with the arrow keys; otherwise it adds no tab stop.
 */
export function ScrollRegion({ label, className, children }: ScrollRegionProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflowing, setOverflowing] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setOverflowing(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);

  const named = overflowing && Boolean(label);
  return (
    <div
      ref={ref}
      role={named ? "region" : undefined}
      aria-label={named ? label : undefined}
      tabIndex={overflowing ? 0 : undefined}
      className={cx(
        "overflow-x-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600",
        className,
      )}
    >
      {children}
    </div>
  );
}
