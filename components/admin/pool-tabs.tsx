"use client";
import { usePathname } from "next/navigation";
import { TabNav } from "@/components/ui/tabs.tsx";

const TABS = [
  ["", "Settings"], ["/users", "Users"], ["/groups", "Groups"], ["/clients", "App clients"],
  ["/resource-servers", "Resource servers"], ["/identity-providers", "Identity providers"], ["/branding", "Branding"], ["/triggers", "Triggers"], ["/outbox", "Outbox"],
] as const;

export function PoolTabs({ poolId, counts }: { poolId: string; counts: { users: number; groups: number; clients: number; resourceServers: number } }) {
  const pathname = usePathname() ?? "";
  const base = `/admin/pools/${poolId}`;
  const count: Record<string, number> = { "/users": counts.users, "/groups": counts.groups, "/clients": counts.clients, "/resource-servers": counts.resourceServers };
  return (
    <TabNav
      label="Pool sections"
      items={TABS.map(([suffix, label]) => ({
        label,
        href: base + suffix,
        active: suffix === "" ? pathname === base : pathname.startsWith(base + suffix),
        ...(count[suffix] !== undefined ? { count: count[suffix] } : {}),
      }))}
    />
  );
}
