// Turns the account page's answers (a redirect and cookies) into a Next.js response.
import { NextResponse } from "next/server";
import type { Runtime } from "../runtime.ts";
import type { CookieOut } from "./sealed-cookie.ts";

export function redirectWithCookies(rt: Runtime, to: string, cookies: CookieOut[]): NextResponse {
  // 303: whatever the method was, the browser follows with a GET.
  const response = NextResponse.redirect(to.startsWith("/") ? `${rt.env.publicUrl}${to}` : to, 303);
  for (const { name, value, ...options } of cookies) response.cookies.set(name, value, options);
  response.headers.set("cache-control", "no-store");
  return response;
}
