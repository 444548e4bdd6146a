import type { ReactNode } from "react";
import type { AccountView } from "@/lib/account/account-view.ts";
import type { Section as SectionId } from "@/lib/account/flash.ts";

/** One section of the account page: a titled card, with the message of a change made in it. */
export function Section({ id, title, description, view, children }: { id: SectionId; title: string; description?: ReactNode; view: AccountView; children: ReactNode }) {
  const flash = view.flash?.section === id ? view.flash : null;
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-6 rounded-brand bg-surface p-5 shadow-[0_1px_3px_rgba(0,0,0,.08),0_8px_24px_rgba(0,0,0,.04)] sm:p-7">
      <h2 id={`${id}-title`} className="text-lg font-semibold tracking-tight text-ink">
        {title}
      </h2>
      {description ? <p className="mt-1 text-sm leading-6 text-muted">{description}</p> : null}
      {flash ? (
        flash.kind === "error" ? (
          // The one message on the page; fields it is about point at it (aria-describedby).
          <div role="alert" id="form-error" className="mt-4 rounded-[calc(var(--gh-radius)-4px)] border border-danger/30 bg-danger-bg px-3.5 py-3 text-sm text-danger">
            {flash.message}
          </div>
        ) : (
          <div role="status" className="mt-4 rounded-[calc(var(--gh-radius)-4px)] border border-ok/30 bg-ok-bg px-3.5 py-3 text-sm text-ok">
            {flash.message}
          </div>
        )
      ) : null}
      <div className="mt-5">{children}</div>
    </section>
  );
}
