// A minimal browser for integration tests: a cookie jar, manual redirects, and posting the hosted
// UI's forms (with their CSRF token) the way a browser would.
export type Page = { url: string; status: number; html: string };

/** Cookies by name (paths ignored: every cookie goes everywhere); an expired or emptied one is forgotten. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** Takes a response's Set-Cookie lines, as fetch (`getSetCookie()`) or node:http hands them. */
  store(setCookie: string | string[] | undefined) {
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  clear() {
    this.cookies.clear();
  }
}

export class TestBrowser {
  private readonly jar = new CookieJar();

  /** `headers`: sent with every request, as a browser sends its Accept-Language. */
  constructor(private readonly origin: string, private readonly headers: Record<string, string> = {}) {}

  cookieHeader() {
    return this.jar.header();
  }

  private store(response: Response) {
    this.jar.store(response.headers.getSetCookie());
  }

  /** Requests `url` and follows redirects within Gatehouse; stops at the first URL outside it. */
  async request(url: string, init: { method?: string; body?: URLSearchParams } = {}): Promise<Page> {
    let current = url;
    let method = init.method ?? "GET";
    let body: URLSearchParams | undefined = init.body;
    for (let hops = 0; hops < 20; hops++) {
      if (!current.startsWith(this.origin)) return { url: current, status: 0, html: "" };
      const response = await fetch(current, {
        method,
        redirect: "manual",
        headers: {
          ...this.headers,
          cookie: this.cookieHeader(),
          ...(body ? { "content-type": "application/x-www-form-urlencoded", origin: this.origin } : {}),
        },
        body,
      });
      this.store(response);
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current).toString();
        if (response.status !== 307 && response.status !== 308) {
          method = "GET";
          body = undefined;
        }
        continue;
      }
      return { url: current, status: response.status, html: await response.text() };
    }
    throw new Error("too many redirects");
  }

  /** Fills and submits the form on `page` (its CSRF token included). */
  async submit(page: Page, fields: Record<string, string>): Promise<Page> {
    const action = /<form[^>]*action="([^"]+)"/.exec(page.html)?.[1]?.replace(/&amp;/g, "&");
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.html)?.[1];
    if (!action || !csrf) throw new Error(`no hosted form on ${page.url}:\n${page.html.slice(0, 500)}`);
    return this.request(new URL(action, page.url).toString(), { method: "POST", body: new URLSearchParams({ csrf, ...fields }) });
  }

  /** A JSON API call with this browser's cookies, as the console's own scripts make it. */
  async api(url: string, init: { method?: string; json?: unknown } = {}): Promise<Response> {
    const response = await fetch(url, {
      method: init.method ?? "GET",
      headers: { cookie: this.cookieHeader(), origin: this.origin, ...(init.json !== undefined ? { "content-type": "application/json" } : {}) },
      body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
    });
    this.store(response);
    return response;
  }

  clearCookies() {
    this.jar.clear();
  }

  /** Sets a cookie as a Set-Cookie line would (a test that forges or copies one). */
  setCookie(name: string, value: string) {
    this.jar.store(`${name}=${value}`);
  }
}

/** The visible error or notice on a hosted page. */
export function flashOf(page: Page): string | null {
  const m = /role="(?:alert|status)"[^>]*>([^<]*)</.exec(page.html);
  return m ? m[1]!.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&") : null;
}
