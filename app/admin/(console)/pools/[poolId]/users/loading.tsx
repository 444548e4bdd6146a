import { Card } from "@/components/ui/card.tsx";
import { TableSkeleton } from "@/components/ui/table.tsx";

/** Shown while a search, sort or page of users (or a user's page) loads. */
export default function UsersLoading() {
  return (
    <div className="space-y-6">
      <Card>
        <div aria-hidden="true" className="border-b border-zinc-200 px-4 py-4 motion-safe:animate-pulse sm:px-6">
          <div className="h-4 w-24 rounded-full bg-zinc-200" />
          <div className="mt-2.5 h-3 w-full max-w-md rounded-full bg-zinc-200/70" />
        </div>
        <div aria-hidden="true" className="grid grid-cols-2 gap-3 border-b border-zinc-200 bg-zinc-50/60 px-4 py-4 motion-safe:animate-pulse sm:px-6 lg:grid-cols-12">
          <div className="col-span-2 lg:col-span-6">
            <div className="h-3 w-24 rounded-full bg-zinc-200" />
            <div className="mt-2.5 h-9 rounded-lg bg-zinc-200/60" />
          </div>
          {[0, 1].map((i) => (
            <div key={i} className="lg:col-span-3">
              <div className="h-3 w-16 rounded-full bg-zinc-200" />
              <div className="mt-2.5 h-9 rounded-lg bg-zinc-200/60" />
            </div>
          ))}
        </div>
        <TableSkeleton rows={8} columns={6} label="Loading users…" />
      </Card>
    </div>
  );
}
