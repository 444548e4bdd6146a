// The console's icons are lucide-react's. These wrappers keep the console's default size (16px)
// for the importers that predate the library; new code may import from lucide-react directly.
import { ChevronLeft, Plus } from "lucide-react";

export function PlusIcon({ className = "size-4" }: { className?: string }) {
  return <Plus aria-hidden="true" className={className} />;
}

export function ChevronLeftIcon({ className = "size-4" }: { className?: string }) {
  return <ChevronLeft aria-hidden="true" className={className} />;
}
