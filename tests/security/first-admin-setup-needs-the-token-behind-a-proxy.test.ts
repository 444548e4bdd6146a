// The first-run set-up (who becomes the first admin) opens without the printed token only to a
// browser on the server itself: a loopback socket, no forwarding headers, AND a Host that names
// this machine (issue 8, item 9). A reverse proxy on the same host with a plain proxy_pass adds no
// forwarding headers; it passes on the public Host, or speaks HTTP/1.0. Either way: the token.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { rawRequest } from "../support/raw-http.ts";

let server: RunningServer;
let token: string;
before(async () => {
  server = await startServer();
  token = new URL(/First admin: +(\S+)/.exec(server.output())![1]!).searchParams.get("token")!;
});
after(async () => {
  await server?.stop();
});

const LOCKED = /Set-up is locked/;
const OPEN = /Create the first admin/;

test("a loopback request whose Host is the public name (proxy_pass with Host $host) needs the token", async () => {
  for (const host of ["id.example.com", `id.example.com:${server.port}`, "gatehouse.internal:8080", "localhost.evil.example"]) {
    const page = await rawRequest(`${server.url}/admin/setup`, { headers: { host } });
    assert.match(page.body, LOCKED, host);
    assert.doesNotMatch(page.body, /name="password"/, host);
    const withToken = await rawRequest(`${server.url}/admin/setup?token=${encodeURIComponent(token)}`, { headers: { host } });
    assert.match(withToken.body, OPEN, `${host} with the token`);
  }
});

test("an HTTP/1.0 request (nginx's plain proxy_pass) needs the token, whatever its Host", async () => {
  const page = await rawRequest(`${server.url}/admin/setup`, { httpVersion: "1.0", headers: { host: `127.0.0.1:${server.port}` } });
  assert.match(page.body, LOCKED);
});

test("a browser on the server itself (localhost, 127.0.0.1, [::1], any port) needs no token", async () => {
  for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`, `[::1]:${server.port}`, "localhost"]) {
    const page = await rawRequest(`${server.url}/admin/setup`, { headers: { host } });
    assert.match(page.body, OPEN, host);
  }
});

test("the form's action applies the same rule: posted with the public Host and no token, it creates no admin", async () => {
  const host = "id.example.com";
  const viaLink = await rawRequest(`${server.url}/admin/setup?token=${encodeURIComponent(token)}`, { headers: { host } });
  const form = /<form[^>]*>[\s\S]*?<\/form>/.exec(viaLink.body)![0];
  const fields = new FormData();
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g))
    if (name !== "token") fields.append(name!, (value ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&"));
  for (const [name, value] of Object.entries({ email: "proxied@example.com", password: "Proxied-Passw0rd", confirm: "Proxied-Passw0rd" })) fields.append(name, value);
  const encoded = new Request("http://form.invalid/", { method: "POST", body: fields });
  const posted = await rawRequest(`${server.url}/admin/setup`, {
    method: "POST",
    headers: { host, origin: `http://${host}`, "content-type": encoded.headers.get("content-type")! },
    body: await encoded.text(),
  });
  assert.match(posted.body, /Set-up is locked: open the set-up link/);
  const still = await rawRequest(`${server.url}/admin/setup`, { headers: { host: `localhost:${server.port}` } });
  assert.match(still.body, OPEN, "no admin was created");
});
