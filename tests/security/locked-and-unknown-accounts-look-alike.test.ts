// Rule: a locked account cannot be told from a name nobody has. A name with no account locks
// after 5 failures as an account does, with the same answer on the same page; and a locked
// account's answer still costs a password verification, so it is not quicker than a wrong
// password's.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import type { Page } from "../support/browser.ts";
import { PASSWORD, POOL, testConfig } from "../support/fixtures.ts";
import { answerOf, median, openHostedPage, submitByHand } from "../support/codes.ts";

const USERS = ["look-real", "timing-locked", "timing-a", "timing-b"];

let server: RunningServer;
before(async () => {
  const config = testConfig();
  const users = config.pools[0]!.users as unknown[];
  for (const username of USERS) users.push({ username, password: PASSWORD, attributes: { email: `${username}@example.com`, email_verified: "true" } });
  server = await startServer({ config });
});
after(async () => {
  await server?.stop();
});

/** The page as a user sees it (its <main>), without what differs from one sign-in to the next. */
function normalised(page: Page, login: string): string {
  const main = /<main[\s\S]*<\/main>/.exec(page.html)?.[0] ?? "";
  assert.ok(main, `no page content at ${page.url}`);
  return main
    .replaceAll(login, "LOGIN")
    .replace(/name="csrf" value="[^"]+"/g, 'name="csrf"')
    .replace(/\/interaction\/[\w-]+\//g, "/interaction/UID/");
}

test("after 5 wrong passwords an account and a name with no account give the same answer on the same page", async () => {
  const tryAll = async (login: string, lastPassword: string) => {
    const { browser, page } = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "login" });
    let next = page;
    const answers = [];
    for (let i = 1; i <= 5; i++) {
      next = await browser.submit(next, { login, password: `Wrong-${i}-Pass` });
      answers.push(answerOf(next));
    }
    next = await browser.submit(next, { login, password: lastPassword });
    answers.push(answerOf(next));
    return { answers, page: normalised(next, login) };
  };
  const real = await tryAll("look-real@example.com", PASSWORD);
  const ghost = await tryAll("look-nobody@example.com", PASSWORD);
  assert.deepEqual(real.answers.slice(0, 4).map((a) => a.message), Array(4).fill("Incorrect username or password."));
  assert.match(real.answers[4]!.message!, /^Password attempts exceeded/);
  assert.match(real.answers[5]!.message!, /^Password attempts exceeded/, "locked: even the right password is refused");
  assert.deepEqual(ghost.answers, real.answers);
  assert.equal(ghost.page, real.page);
});

test("a locked account's answer takes about as long as a wrong password's", async (t) => {
  const { browser, page } = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "login" });
  let next = page;
  for (let i = 1; i <= 5; i++) next = (await submitByHand(browser, next, { login: "timing-locked@example.com", password: `Wrong-${i}-Pass` })).next;
  assert.match(answerOf(next).message!, /^Password attempts exceeded/);

  // Interleaved, so that load on the machine falls on both alike; 4 wrong tries per account keep
  // the comparison accounts unlocked. The lock lasts 30 s, much longer than this takes.
  const locked: number[] = [];
  const wrong: number[] = [];
  const other = await openHostedPage(server.url, { pool: POOL, clientId: "web", page: "login" });
  let otherPage = other.page;
  for (let i = 0; i < 8; i++) {
    const a = await submitByHand(browser, next, { login: "timing-locked@example.com", password: PASSWORD });
    assert.match(answerOf(a.next).message!, /^Password attempts exceeded/);
    locked.push(a.ms);
    next = a.next;
    const b = await submitByHand(other.browser, otherPage, { login: i < 4 ? "timing-a@example.com" : "timing-b@example.com", password: `Wrong-${i}-Pass` });
    assert.equal(answerOf(b.next).message, "Incorrect username or password.");
    wrong.push(b.ms);
    otherPage = b.next;
  }
  const ratio = median(locked) / median(wrong);
  t.diagnostic(`median locked ${median(locked).toFixed(1)} ms, wrong password ${median(wrong).toFixed(1)} ms`);
  assert.ok(ratio >= 0.5, `locked ${median(locked).toFixed(1)} ms vs wrong password ${median(wrong).toFixed(1)} ms (ratio ${ratio.toFixed(2)})`);
});
