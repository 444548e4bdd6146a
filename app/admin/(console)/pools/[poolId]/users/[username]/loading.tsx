import { Card } from "@/components/ui/card.tsx";

const bar = "rounded-full bg-zinc-200";

function CardSkeleton({ rows }: { rows: number }) {
  return (
    <Card>
      <div className="border-b border-zinc-200 px-4 py-4 sm:px-6">
        <div className={`h-4 w-28 ${bar}`} />
        <div className={`mt-2.5 h-3 w-full max-w-xs ${bar} bg-zinc-200/70`} />
      </div>
      <div className="divide-y divide-zinc-100 px-4 py-2 sm:px-6">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="grid grid-cols-1 gap-2 py-3.5 sm:grid-cols-3 sm:gap-4">
            <div className={`h-3 w-20 ${bar}`} />
            <div className={`h-3 sm:col-span-2 ${bar} bg-zinc-200/70 ${i % 2 ? "w-2/5" : "w-3/5"}`} />
          </div>
        ))}
      </div>
    </Card>
  );
}

/** Shown while a user's page loads: the shape of the page (a list skeleton would mislead). */
export default function UserLoading() {
  return (
    <div role="status" className="space-y-6">
      <span className="sr-only">Loading user…</span>
      <div aria-hidden="true" className="space-y-6 motion-safe:animate-pulse">
        <div className={`h-3 w-20 ${bar}`} />
        <div className="flex items-start gap-4">
          <div className="size-12 shrink-0 rounded-full bg-zinc-200" />
          <div className="min-w-0 flex-1">
            <div className={`h-5 w-56 max-w-full ${bar}`} />
            <div className="mt-2.5 flex gap-2">
              <div className={`h-5 w-20 ${bar} bg-zinc-200/70`} />
              <div className={`h-5 w-28 ${bar} bg-zinc-200/70`} />
            </div>
          </div>
        </div>
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
          <div className="space-y-6 lg:col-span-3">
            <CardSkeleton rows={4} />
          </div>
          <div className="space-y-6 lg:col-span-2">
            <CardSkeleton rows={3} />
          </div>
        </div>
      </div>
    </div>
  );
}
