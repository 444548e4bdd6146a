import { test } from "node:test";
import assert from "node:assert/strict";
import { normalisedPath } from "./request-path.ts";

test("a path is read the way the router reads it: escapes decoded, dot segments resolved", () => {
  const asset = "/local_Test00001/branding/ab12";
  for (const spelling of [
    "/local_Test00001/branding/ab12", "/local_Test00001/%62randing/ab12", "/local_Test00001/branding/%61b12", "/%6cocal_Test00001/branding/ab12",
    "/local_Test00001/x/../branding/ab12", "/local_Test00001/x/%2e%2e/branding/ab12", "/local_Test00001/branding/./ab12",
    "/local_Test00001\\branding\\ab12", "/local_Test00001/branding/ab12?x=1", "http://other.example/local_Test00001/branding/ab12",
  ])
    assert.equal(normalisedPath(spelling), asset, spelling);
});

test("a path whose escapes do not decode has no reading", () => {
  for (const path of ["/api/admin/pools/%E0%A4%A", "/%", "/a%zz", "/admin/%C0%AF"]) assert.equal(normalisedPath(path), null, path);
});
