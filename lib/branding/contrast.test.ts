import { test } from "node:test";
import assert from "node:assert/strict";
import { contrastRatio, contrastWarnings, mixColor, parseHexColor, readableTextOn, relativeLuminance } from "./contrast.ts";

const ACCESSIBLE = { primary: "#2563eb", background: "#f3f4f6", surface: "#ffffff", text: "#111827", error: "#b91c1c" };

test("hex colours: #rgb and #rrggbb in any case, nothing else", () => {
  assert.deepEqual(parseHexColor("#ffffff"), { r: 255, g: 255, b: 255 });
  assert.deepEqual(parseHexColor("#FfF"), { r: 255, g: 255, b: 255 });
  assert.deepEqual(parseHexColor("#1a2B3c"), { r: 26, g: 43, b: 60 });
  assert.deepEqual(parseHexColor("#08f"), { r: 0, g: 136, b: 255 });
  for (const bad of ["fff", "#ffff", "#fffffff", "#ggg", "red", "", " #fff", "rgb(0,0,0)", "#ff ff ff"]) {
    assert.equal(parseHexColor(bad), null, bad);
  }
});

test("relative luminance follows WCAG 2.x (0.04045 threshold)", () => {
  assert.equal(relativeLuminance({ r: 0, g: 0, b: 0 }), 0);
  assert.equal(relativeLuminance({ r: 255, g: 255, b: 255 }), 1);
  // 10/255 = 0.0392 is below the threshold: the linear segment.
  assert.equal(relativeLuminance({ r: 10, g: 10, b: 10 }), 10 / 255 / 12.92);
  // Green weighs most, blue least.
  assert.equal(relativeLuminance({ r: 0, g: 255, b: 0 }), 0.7152);
  assert.equal(relativeLuminance({ r: 0, g: 0, b: 255 }), 0.0722);
});

test("contrast ratio: black on white is 21, a colour on itself is 1, order does not matter", () => {
  assert.equal(contrastRatio("#000000", "#ffffff"), 21);
  assert.equal(contrastRatio("#fff", "#000"), 21);
  assert.equal(contrastRatio("#2563eb", "#2563eb"), 1);
  assert.equal(contrastRatio("#777", "#fff"), 4.48);
  assert.equal(contrastRatio("#767676", "#ffffff"), 4.54);
  assert.equal(contrastRatio("#ffffff", "#767676"), 4.54);
  assert.throws(() => contrastRatio("white", "#000"), /not a #rgb or #rrggbb colour: "white"/);
});

test("readable text on a colour is white on dark colours and near-black on light ones", () => {
  assert.equal(readableTextOn("#2563eb"), "#ffffff");
  assert.equal(readableTextOn("#000000"), "#ffffff");
  assert.equal(readableTextOn("#facc15"), "#111827");
  assert.equal(readableTextOn("#ffffff"), "#111827");
});

test("contrast warnings: an accessible palette has none", () => {
  assert.deepEqual(contrastWarnings(ACCESSIBLE), []);
});

test("contrast warnings: #777 text fails AA (4.48 < 4.5) on a white surface", () => {
  const warnings = contrastWarnings({ ...ACCESSIBLE, text: "#777777", background: "#000000" });
  assert.deepEqual(warnings, [
    { pair: "Text on surface", foreground: "#777777", background: "#ffffff", ratio: 4.47, required: 4.5 },
  ]);
});

test("contrast warnings: every pair of the hosted pages is checked", () => {
  const warnings = contrastWarnings({
    primary: "#fde68a", primaryText: "#ffffff", background: "#eeeeee", surface: "#ffffff", text: "#aaaaaa", error: "#f87171",
  });
  assert.deepEqual(warnings.map((w) => w.pair), [
    "Text on surface", "Text on background", "Error text on surface", "Button text on primary", "Links (primary) on surface",
  ]);
  for (const warning of warnings) assert.ok(warning.ratio < warning.required, warning.pair);
});

test("contrast warnings: button text defaults to whichever of white or near-black reads better on primary", () => {
  // White on this yellow is unreadable, near-black is fine: no button warning without an explicit primaryText.
  const yellow = { ...ACCESSIBLE, primary: "#facc15" };
  assert.ok(!contrastWarnings(yellow).some((w) => w.pair === "Button text on primary"));
  const forcedWhite = contrastWarnings({ ...yellow, primaryText: "#ffffff" }).find((w) => w.pair === "Button text on primary");
  assert.deepEqual(forcedWhite, { pair: "Button text on primary", foreground: "#ffffff", background: "#facc15", ratio: 1.53, required: 4.5 });
});

test("contrast warnings: links are primary-coloured text and need 4.5 on the surface", () => {
  const warnings = contrastWarnings({ ...ACCESSIBLE, primary: "#60a5fa" });
  assert.deepEqual(warnings.map((w) => w.pair), ["Links (primary) on surface"]);
});

test("contrast warnings: a ratio just under 4.5 fails and never reads as 4.5", () => {
  // #048944 on white is 4.4998: it rounds to 4.5, but WCAG does not round, so it fails.
  assert.equal(contrastRatio("#048944", "#ffffff"), 4.5);
  const [warning] = contrastWarnings({ ...ACCESSIBLE, error: "#048944" });
  assert.deepEqual(warning, { pair: "Error text on surface", foreground: "#048944", background: "#ffffff", ratio: 4.49, required: 4.5 });
});

test("mixColor mixes linearly in sRGB and returns #rrggbb", () => {
  assert.equal(mixColor("#000000", "#ffffff", 0.5), "#808080");
  assert.equal(mixColor("#2563EB", "#000", 0), "#2563eb");
  assert.equal(mixColor("#2563eb", "#000", 1), "#000000");
  assert.equal(mixColor("#2563eb", "#000000", 0.15), "#1f54c8");
  assert.equal(mixColor("#f00", "#00f", 0.25), "#bf0040");
  // Out-of-range weights are clamped rather than producing impossible channels.
  assert.equal(mixColor("#123456", "#ffffff", 2), "#ffffff");
  assert.equal(mixColor("#123456", "#ffffff", -1), "#123456");
  assert.throws(() => mixColor("#123456", "#ffffff", Number.NaN), /mix weight/);
  assert.throws(() => mixColor("blue", "#ffffff", 0.5), /not a #rgb or #rrggbb colour/);
});
