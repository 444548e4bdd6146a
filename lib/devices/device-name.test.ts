import { test } from "node:test";
import assert from "node:assert/strict";
import { deviceNameFromUserAgent } from "./device-name.ts";

test("a device's name is its browser and system, from the User-Agent", () => {
  assert.equal(deviceNameFromUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"), "Chrome on macOS");
  assert.equal(deviceNameFromUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"), "Edge on Windows");
  assert.equal(deviceNameFromUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"), "Safari on iOS");
  assert.equal(deviceNameFromUserAgent("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"), "Firefox on Linux");
  assert.equal(deviceNameFromUserAgent("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"), "Chrome on Android");
  assert.equal(deviceNameFromUserAgent(null), "Web browser");
  assert.equal(deviceNameFromUserAgent("curl/8.5.0"), "Web browser");
});
