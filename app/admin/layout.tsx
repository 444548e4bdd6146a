import type { ReactNode } from "react";
import { ToastProvider } from "@/components/ui/toast.tsx";

export const metadata = { title: { default: "Console", template: "%s · Gatehouse console" }, robots: { index: false } };

export default function AdminLayout({ children }: { children: ReactNode }) {
  return <ToastProvider>{children}</ToastProvider>;
}
