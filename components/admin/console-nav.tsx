"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const ITEMS = [
  { href: "/admin", label: "User pools", match: (p: string) => p === "/admin" || p.startsWith("/admin/pools") },
  { href: "/admin/identity-pools", label: "Identity pools", match: (p: string) => p.startsWith("/admin/identity-pools") },
  { href: "/admin/authorizers", label: "Authorizers", match: (p: string) => p.startsWith("/admin/authorizers") },
  { href: "/admin/audit", label: "Audit log", match: (p: string) => p.startsWith("/admin/audit") },
  { href: "/admin/api-keys", label: "API keys", match: (p: string) => p.startsWith("/admin/api-keys") },
];

export function ConsoleNav() {
  const pathname = usePathname() ?? "/admin";
  return (
    <nav aria-label="Console" className="overflow-x-auto px-2 pb-2 lg:px-3 lg:pb-0">
      <ul className="flex gap-1 lg:flex-col">
        {ITEMS.map((item) => {
          const active = item.match(pathname);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`block whitespace-nowrap rounded-md px-3 py-2 font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${
                  active ? "bg-indigo-50 text-indigo-700" : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900"
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
        <li>
          <a href="/api/admin/openapi.json" className="block whitespace-nowrap rounded-md px-3 py-2 font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
            API reference
          </a>
        </li>
      </ul>
    </nav>
  );
}
