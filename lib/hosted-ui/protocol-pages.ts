// Pages oidc-provider renders itself (protocol errors, the sign-out step, "signed out"), in the
// hosted UI's look. Plain HTML: they are served from the protocol layer, outside Next.js.
import type { Pool } from "../pools/pool.ts";

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const STYLE = `
:root{--gh-primary:#4f46e5;--gh-primary-text:#fff;--gh-bg:#f4f5f7;--gh-surface:#fff;--gh-text:#111827;--gh-muted:#4b5563;--gh-error:#b91c1c;--gh-radius:12px;--gh-font:ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
*{box-sizing:border-box}body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:var(--gh-bg);color:var(--gh-text);font-family:var(--gh-font);padding:16px}
main{width:100%;max-width:420px;background:var(--gh-surface);border-radius:var(--gh-radius);box-shadow:0 1px 3px rgba(0,0,0,.08),0 8px 24px rgba(0,0,0,.06);padding:32px}
h1{font-size:1.375rem;margin:0 0 8px}p{color:var(--gh-muted);line-height:1.5;margin:0 0 16px}
.brand{font-weight:600;color:var(--gh-primary);margin-bottom:24px;font-size:.95rem}
button{width:100%;border:0;border-radius:calc(var(--gh-radius) - 4px);background:var(--gh-primary);color:var(--gh-primary-text);font:600 1rem var(--gh-font);padding:12px;cursor:pointer}
button:focus-visible{outline:3px solid var(--gh-primary);outline-offset:2px}
code{font-size:.85rem;color:var(--gh-error);word-break:break-word}`;

function page(title: string, pool: Pool | null, body: string, head = ""): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style>${head}</head>
<body><main><div class="brand">${escapeHtml(pool?.name ?? "Gatehouse")}</div>${body}</main></body></html>`;
}

const FRIENDLY: Record<string, string> = {
  invalid_redirect_uri: "The application sent you here with a return address it has not registered, so we stopped to keep your account safe.",
  invalid_client: "The application that sent you here is not known to this sign-in service.",
  invalid_request: "The request from the application was not valid.",
  unauthorized_client: "This application is not allowed to sign you in this way.",
  login_required: "You need to sign in again.",
  invalid_target: "The application asked for access to something this sign-in service does not know.",
  session_not_found: "Your sign-in session was not found. It may have expired.",
};

export function renderProviderError(options: { pool: Pool | null; out: Record<string, string>; error?: unknown }): string {
  const code = options.out.error ?? "server_error";
  const friendly = FRIENDLY[code] ?? "Something went wrong while signing you in.";
  return page(
    "Something went wrong",
    options.pool,
    `<h1>Something went wrong</h1><p>${escapeHtml(friendly)}</p><p>Go back to the application and try again. If this keeps happening, tell the application's owner:</p>
<p><code>${escapeHtml(code)}${options.out.error_description ? `: ${escapeHtml(options.out.error_description)}` : ""}</code></p>`,
  );
}

export function renderLogoutPage(options: { pool: Pool; form: string; nonce: string }): string {
  // The provider's form carries its anti-CSRF token; we confirm it at once, as Cognito's /logout does.
  const form = options.form.replace("</form>", '<input type="hidden" name="logout" value="yes"/><button type="submit" autofocus>Sign out</button></form>');
  return page(
    "Signing out",
    options.pool,
    `<h1>Signing out…</h1><p>One moment while we sign you out.</p>${form}
<script nonce="${escapeHtml(options.nonce)}">document.forms[0].submit()</script>`,
  );
}

export function renderSignedOutPage(options: { pool: Pool }): string {
  return page("Signed out", options.pool, `<h1>You have signed out</h1><p>You can close this window.</p>`);
}
