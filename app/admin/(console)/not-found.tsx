import { ButtonLink } from "@/components/ui/button.tsx";
import { EmptyState } from "@/components/ui/empty-state.tsx";

export default function ConsoleNotFound() {
  return (
    <EmptyState bordered title="Not found" description="That pool, user or app does not exist, or it was deleted." action={<ButtonLink href="/admin">Back to user pools</ButtonLink>} />
  );
}
