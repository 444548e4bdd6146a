// Reading a cookie from a Cookie header, for the Node-level handlers (Next.js routes have their own).
/** Every value sent under `name` (a browser may send several: one per path that set it), in order. */
export function cookieValues(cookieHeader: string | undefined, name: string): string[] {
  return (cookieHeader ?? "").split(";").flatMap((part) => {
    const eq = part.indexOf("=");
    return eq > 0 && part.slice(0, eq).trim() === name ? [part.slice(eq + 1).trim()] : [];
  });
}
