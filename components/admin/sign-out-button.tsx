"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";

/** Ends the console session, then the Gatehouse session behind it, so the next sign-in asks again. */
export function SignOutButton({ logoutUrl, compact = false }: { logoutUrl: string; compact?: boolean }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant={compact ? "ghost" : "secondary"}
      size="sm"
      loading={busy}
      className={compact ? "" : "w-full"}
      onClick={async () => {
        setBusy(true);
        await signOut({ redirect: false });
        window.location.href = logoutUrl;
      }}
    >
      Sign out
    </Button>
  );
}
