import { Card } from "@/components/ui/card.tsx";
import { TableSkeleton } from "@/components/ui/table.tsx";

/** Shown while a console page loads on the server. */
export default function ConsoleLoading() {
  return (
    <div className="space-y-6" aria-busy="true">
      <div className="h-8 w-48 animate-pulse rounded-md bg-zinc-200" />
      <Card>
        <TableSkeleton rows={6} columns={5} />
      </Card>
    </div>
  );
}
