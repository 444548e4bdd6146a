"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";

export function SignInButton() {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      className="w-full"
      loading={busy}
      onClick={() => {
        setBusy(true);
        void signIn("gatehouse", { callbackUrl: "/admin" });
      }}
    >
      Continue to sign in
    </Button>
  );
}
