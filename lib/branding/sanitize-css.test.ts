import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_CUSTOM_CSS_LENGTH, sanitizeCustomCss, type SanitizeCssOptions } from "./sanitize-css.ts";

const ASSET_ID = "0123456789abcdef0123456789abcdef";
const OPTIONS: SanitizeCssOptions = {
  scope: ".gh-hosted",
  assetUrl: (id) => (id === ASSET_ID ? `/pools/p1/assets/${id}` : null),
};

function sanitize(css: string, options: SanitizeCssOptions = OPTIONS) {
  return sanitizeCustomCss(css, options);
}

/** The output without formatting, for compact assertions. */
function compact(css: string): string {
  return sanitize(css).css.replace(/\s+/g, " ").replace(/ ?([{};]) ?/g, "$1").trim();
}

test("harmless CSS passes through, scoped", () => {
  const result = sanitize(".card { color: #111827; border-radius: 12px; position: fixed }");
  assert.deepEqual(result.warnings, []);
  assert.equal(compact(".card { color: #111827; border-radius: 12px; position: fixed }"), ".gh-hosted .card{color: #111827;border-radius: 12px;position: fixed}");
});

test("selectors are scoped to the hosted pages", () => {
  assert.equal(compact(".card, a:hover { color: red }"), ".gh-hosted .card, .gh-hosted a:hover{color: red}");
  assert.equal(compact("* { box-sizing: border-box }"), ".gh-hosted *{box-sizing: border-box}");
  assert.equal(compact("form > button.primary { color: red }"), ".gh-hosted form > button.primary{color: red}");
  assert.equal(compact(".a + .b, .a ~ .c { color: red }"), ".gh-hosted .a + .b, .gh-hosted .a ~ .c{color: red}");
  // Commas inside :is() and attribute strings are not list separators.
  assert.equal(compact(':is(.a, .b) [data-x="1,2"] { color: red }'), '.gh-hosted :is(.a, .b) [data-x="1,2"]{color: red}');
  assert.equal(compact("li:nth-child(2n+1) { color: red }"), ".gh-hosted li:nth-child(2n+1){color: red}");
});

test("html, body and :root become the scope itself", () => {
  assert.equal(compact(":root { --brand: #2563eb }"), ".gh-hosted{--brand: #2563eb}");
  assert.equal(compact("body .card { color: red }"), ".gh-hosted .card{color: red}");
  assert.equal(compact("html body .card { color: red }"), ".gh-hosted .card{color: red}");
  assert.equal(compact("html > body > main { color: red }"), ".gh-hosted > main{color: red}");
  assert.equal(compact("html, body { margin: 0 }"), ".gh-hosted{margin: 0}");
  assert.equal(compact("BODY.dark .card { color: red }"), ".gh-hosted.dark .card{color: red}");
  // Only whole type names: <bodyx> and .body are ordinary selectors.
  assert.equal(compact(".body, htmlish { color: red }"), ".gh-hosted .body, .gh-hosted htmlish{color: red}");
});

test("selectors that do not parse are removed, the rest of the list kept", () => {
  // Unbalanced brackets, a combinator CSS does not have, two combinators in a row or one at the end.
  for (const selector of ["a)", "a]", "a || b", "a >>> b", "a > > b", "a >"]) {
    const result = sanitize(`${selector} { color: red }`);
    assert.equal(result.css, "", selector);
    assert.match(result.warnings[0]!, /\(not a valid selector\)$/, selector);
  }
  assert.equal(compact("a, , b { color: red }"), ".gh-hosted a, .gh-hosted b{color: red}");
  assert.deepEqual(sanitize("a, b > { color: red }").warnings, ['line 1: removed selector "b >" (not a valid selector)']);
});

test(":root is the scope only as itself, and html/body only as whole, un-namespaced type names", () => {
  assert.equal(compact(":root:hover .x, html:root .y { color: red }"), ".gh-hosted:hover .x, .gh-hosted .y{color: red}");
  assert.equal(compact(":root(x) .x { color: red }"), ".gh-hosted :root(x) .x{color: red}");
  assert.equal(compact("svg|body .x { color: red }"), ".gh-hosted svg|body .x{color: red}");
});

test("custom CSS cannot style siblings of the hosted pages", () => {
  const result = sanitize("body ~ div, :root + footer, + aside, .ok { color: red }");
  assert.equal(result.css.replace(/\s+/g, " ").trim(), ".gh-hosted .ok { color: red }");
  assert.deepEqual(result.warnings, [
    'line 1: removed selector "body ~ div" (it would style elements outside the hosted pages)',
    'line 1: removed selector ":root + footer" (it would style elements outside the hosted pages)',
    'line 1: removed selector "+ aside" (it would style elements outside the hosted pages)',
  ]);
  // A rule left with no selector is dropped entirely.
  assert.equal(sanitize("body + * { display: none }").css, "");
});

test("rules inside @media and @supports are scoped and the at-rules kept", () => {
  const css = "@media (max-width: 600px) { .card { padding: 0 } @supports (display: grid) { body { display: grid } } }";
  assert.equal(compact(css), "@media (max-width: 600px){.gh-hosted .card{padding: 0}@supports (display: grid){.gh-hosted{display: grid}}}");
  assert.deepEqual(sanitize(css).warnings, []);
});

test("keyframe selectors are not scoped and keyframe names are kept", () => {
  const css = "@keyframes pulse { from { opacity: 1 } 50%, 75.5% { opacity: .5 } to { opacity: 0 } } .dot { animation: pulse 1s }";
  assert.equal(compact(css), "@keyframes pulse{from{opacity: 1}50%, 75.5%{opacity: .5}to{opacity: 0}}.gh-hosted .dot{animation: pulse 1s}");
  assert.equal(compact("@media print { @keyframes k { to { opacity: 0 } } }"), "@media print{@keyframes k{to{opacity: 0}}}");
  const bad = sanitize("@keyframes k { .evil { color: red } to { background: url(x) } }");
  assert.equal(bad.css.replace(/\s+/g, ""), "@keyframesk{to{}}");
  assert.match(bad.warnings[0]!, /removed keyframe "\.evil" \(expected from, to or a percentage\)/);
});

test("custom CSS cannot import external stylesheets", () => {
  const result = sanitize('.a { color: red }\n@import url("https://evil.example/x.css");\n@import "y.css" screen;');
  assert.equal(result.css.includes("import"), false);
  assert.deepEqual(result.warnings, [
    "line 2: removed @import (custom CSS cannot load external resources)",
    "line 3: removed @import (custom CSS cannot load external resources)",
  ]);
});

test("custom CSS cannot load fonts through @font-face", () => {
  const result = sanitize("@font-face { font-family: Brand; src: url(https://evil.example/f.woff2) }");
  assert.equal(result.css, "");
  assert.deepEqual(result.warnings, ["line 1: removed @font-face (custom CSS cannot load external resources)"]);
});

test("custom CSS cannot use @namespace, @charset, @page, @property or unknown at-rules", () => {
  const css = [
    '@charset "utf-8";',
    '@namespace svg url("http://www.w3.org/2000/svg");',
    "@page { margin: 0 }",
    "@property --x { syntax: '<length>'; inherits: false; initial-value: 0px }",
    "@counter-style evil { system: cyclic; symbols: url(https://evil.example/s.png) }",
    "@-webkit-keyframes k { to { opacity: 0 } }",
    "@document url-prefix(https://evil.example) { body { color: red } }",
  ].join("\n");
  const result = sanitize(css);
  assert.equal(result.css, "");
  assert.deepEqual(
    result.warnings.map((w) => /^line (\d+): removed (@[\w-]+)/.exec(w)?.slice(1).join(" ")),
    ["1 @charset", "2 @namespace", "3 @page", "4 @property", "5 @counter-style", "6 @-webkit-keyframes", "7 @document"],
  );
});

test("@layer blocks are unwrapped into scoped rules and @layer statements are dropped", () => {
  const result = sanitize("@layer theme, base;\n@layer base { body { color: red } @layer inner { .a { color: blue } } }\n@layer { .b { margin: 0 } }");
  assert.equal(
    result.css.replace(/\s+/g, " ").trim(),
    ".gh-hosted { color: red } .gh-hosted .a { color: blue } .gh-hosted .b { margin: 0 }",
  );
  assert.deepEqual(result.warnings, [
    "line 1: removed @layer statement (custom CSS cannot reorder the page's cascade layers)",
    "line 2: unwrapped @layer base (its rules apply without a cascade layer)",
    "line 2: unwrapped @layer inner (its rules apply without a cascade layer)",
    "line 3: unwrapped @layer (its rules apply without a cascade layer)",
  ]);
});

test("custom CSS cannot fetch through url()", () => {
  const result = sanitize([
    ".a {",
    "  color: red;",
    "  background: #fff url(https://evil.example/track.png);",
    "  cursor: URL('x.cur'), auto;",
    "  list-style: url( data:image/png;base64,AAAA );",
    "  filter: url(#blur);",
    "  --img: url(x);",
    "}",
  ].join("\n"));
  assert.equal(compact(".a { color: red; background: url(x) }"), ".gh-hosted .a{color: red}");
  assert.equal(result.css.toLowerCase().includes("url"), false);
  assert.deepEqual(result.warnings, [
    'line 3: removed "background" declaration (custom CSS cannot fetch through url())',
    'line 4: removed "cursor" declaration (custom CSS cannot fetch through url())',
    'line 5: removed "list-style" declaration (custom CSS cannot fetch through url())',
    'line 6: removed "filter" declaration (custom CSS cannot fetch through url())',
    'line 7: removed "--img" declaration (custom CSS cannot fetch through url())',
  ]);
});

test("custom CSS cannot fetch through image-set(), image(), src() or cross-fade()", () => {
  const css = [
    '.a { background-image: image-set("x.png" 1x, "y.png" 2x) }',
    '.b { background-image: -webkit-image-set("x.png" 1x) }',
    '.c { background-image: image("x.png") }',
    '.d { background-image: src("x.png") }',
    '.e { background-image: cross-fade(20% "a.png", "b.png") }',
  ].join("\n");
  const result = sanitize(css);
  assert.equal(result.css.replace(/\s+/g, ""), ".gh-hosted.a{}.gh-hosted.b{}.gh-hosted.c{}.gh-hosted.d{}.gh-hosted.e{}");
  assert.equal(result.warnings.length, 5);
});

test("comments cannot split a url( so it slips through", () => {
  const result = sanitize(".a { background: url/**/(https://evil.example/x.png) }");
  assert.equal(result.css.includes("evil"), false);
  assert.match(result.warnings[0]!, /cannot fetch through url\(\)/);
});

test("Gatehouse asset references are rewritten to the asset's URL", () => {
  const result = sanitize(`.logo { background: #fff url("asset:${ASSET_ID}") no-repeat; mask-image: URL( 'asset:${ASSET_ID}' ) }`);
  assert.deepEqual(result.warnings, []);
  assert.equal(
    result.css.replace(/\s+/g, " ").trim(),
    `.gh-hosted .logo { background: #fff url("/pools/p1/assets/${ASSET_ID}") no-repeat; mask-image: url("/pools/p1/assets/${ASSET_ID}") }`,
  );
});

test("only url() itself references an asset", () => {
  const result = sanitize(`.a { background: xurl("asset:${ASSET_ID}") } .b { background: var(--x, url("asset:${ASSET_ID}")) }`);
  assert.equal(result.css.replace(/\s+/g, " ").trim(), `.gh-hosted .a {} .gh-hosted .b { background: var(--x, url("/pools/p1/assets/${ASSET_ID}")) }`);
  assert.deepEqual(result.warnings, ['line 1: removed "background" declaration (custom CSS cannot fetch through url())']);
});

test("unknown or malformed asset references are removed", () => {
  const unknown = "fedcba9876543210";
  const result = sanitize([
    `.a { background: url("asset:${unknown}") }`,
    `.b { background: url("asset:${ASSET_ID.toUpperCase()}") }`,
    `.c { background: url(asset:${ASSET_ID}) }`,
    `.d { background: url("asset:${ASSET_ID}/../x") }`,
    `.e { background: url("asset:abc") }`,
  ].join("\n"));
  assert.equal(result.css.includes("url"), false);
  assert.deepEqual(result.warnings, [
    `line 1: removed "background" declaration (asset ${unknown} does not exist)`,
    'line 2: removed "background" declaration (custom CSS cannot fetch through url())',
    'line 3: removed "background" declaration (custom CSS cannot fetch through url())',
    'line 4: removed "background" declaration (custom CSS cannot fetch through url())',
    'line 5: removed "background" declaration (custom CSS cannot fetch through url())',
  ]);
  // Without an assetUrl resolver no asset exists.
  const noResolver = sanitize(`.a { background: url("asset:${ASSET_ID}") }`, { scope: ".gh-hosted" });
  assert.deepEqual(noResolver.warnings, [`line 1: removed "background" declaration (asset ${ASSET_ID} does not exist)`]);
});

test("an asset URL that could break out of the CSS string is refused loudly", () => {
  assert.throws(
    () => sanitize(`.a { background: url("asset:${ASSET_ID}") }`, { scope: ".gh-hosted", assetUrl: () => '/x") ; color: red; ("' }),
    /assetUrl returned a URL that cannot be placed in CSS/,
  );
  assert.throws(
    () => sanitize(`.a { background: url("asset:${ASSET_ID}") }`, { scope: ".gh-hosted", assetUrl: () => "/x</style>" }),
    /assetUrl returned a URL/,
  );
});

test("custom CSS cannot run script through expression(), javascript:, behavior or -moz-binding", () => {
  const result = sanitize([
    ".a {",
    "  width: expression(alert(1));",
    "  background: \"javascript:alert(1)\";",
    "  behavior: url(evil.htc);",
    "  -moz-binding: url(evil.xml#x);",
    "  --x: EXPRESSION(1);",
    "  color: red;",
    "}",
  ].join("\n"));
  assert.equal(result.css.replace(/\s+/g, " ").trim(), ".gh-hosted .a { color: red }");
  assert.deepEqual(result.warnings, [
    'line 2: removed "width" declaration (expression() runs script)',
    'line 3: removed "background" declaration (javascript: URLs run script)',
    'line 4: removed "behavior" declaration (behavior runs script)',
    'line 5: removed "-moz-binding" declaration (-moz-binding runs script)',
    'line 6: removed "--x" declaration (expression() runs script)',
  ]);
});

test("custom CSS cannot use backslash escapes", () => {
  // "\75 rl(" is url( once the browser decodes the escape.
  const result = sanitize(".a { background: \\75 rl(https://evil.example/x.png); color: red }\n.b\\:hover { color: red }\n.c { content: \"\\\\\" }");
  assert.equal(result.css.replace(/\s+/g, " ").trim(), ".gh-hosted .a { color: red } .gh-hosted .c {}");
  assert.deepEqual(result.warnings, [
    'line 1: removed "background" declaration (backslash escapes are not allowed)',
    'line 2: removed rule ".b\\:hover" (backslash escapes are not allowed)',
    'line 3: removed "content" declaration (backslash escapes are not allowed)',
  ]);
});

test("output can never close the style element", () => {
  const attempts = [
    ".a { content: \"</style><script>alert(1)</script>\" }",
    ".a { --x: </style> }",
    ".a { font-family: '<!--' }",
    "/* </style><script>alert(1)</script> */ .a { color: red }",
    ".a /* </style> */ { color: /* <!-- */ red }",
    ".a[title=\"</style>\"] { color: red }",
    "@media (min-width: 1px) and (x: \"</style>\") { .a { color: red } }",
    "@supports (content: \"<!--\") { .a { color: red } }",
    ".a { color: red !important /* </STYLE> */ }",
  ];
  for (const css of attempts) {
    const output = sanitize(css).css.toLowerCase();
    assert.equal(output.includes("</style"), false, css);
    assert.equal(output.includes("<!--"), false, css);
    assert.equal(output.includes("<"), false, css);
  }
});

test("comments are stripped", () => {
  const result = sanitize("/* brand */\n.a /* x */ { /* y */ color: red /* z */; }\n@media /* m */ print { /* n */ .b { color: blue } }");
  assert.equal(result.css.includes("/*"), false);
  assert.equal(result.css.replace(/\s+/g, " ").trim(), ".gh-hosted .a { color: red } @media print { .gh-hosted .b { color: blue } }");
  assert.deepEqual(result.warnings, []);
});

test("long generated content is removed, short content kept", () => {
  const short = sanitize('.a::before { content: "→" }');
  assert.match(short.css, /content: "→"/);
  const long = sanitize(`.a::before { content: "${"x".repeat(200)}" }`);
  assert.equal(long.css.includes("content"), false);
  assert.deepEqual(long.warnings, ['line 1: removed "content" declaration (longer than 200 characters)']);
});

test("nested rules and stray declarations are removed", () => {
  const result = sanitize(":root { & + footer { display: none } @media print { color: red } color: blue }\ncolor: red;");
  assert.equal(result.css.replace(/\s+/g, " ").trim(), ".gh-hosted { color: blue }");
  assert.deepEqual(result.warnings, [
    'line 1: removed nested rule "& + footer" (CSS nesting is not supported; write the full selector)',
    "line 1: removed nested @media (CSS nesting is not supported; write the full selector)",
    'line 2: removed declaration "color" outside any rule',
  ]);
});

test("custom CSS longer than 50,000 characters is refused", () => {
  const rule = ".a { color: red }\n";
  const atLimit = rule.repeat(Math.floor(MAX_CUSTOM_CSS_LENGTH / rule.length)).padEnd(MAX_CUSTOM_CSS_LENGTH, " ");
  assert.equal(atLimit.length, 50_000);
  assert.doesNotThrow(() => sanitize(atLimit));
  assert.throws(() => sanitize(`${atLimit} `), /custom CSS is 50001 characters long; the limit is 50000/);
});

test("CSS that does not parse is refused with its line, column and reason", () => {
  assert.throws(() => sanitize(".a { color: red }\n\n.b {\n  color: blue"), { message: "custom CSS line 3, column 1: Unclosed block" });
  assert.throws(() => sanitize(".a { color: red }}"), /^Error: custom CSS line 1, column 18: Unexpected }$/);
  assert.throws(() => sanitize(".a { /* unterminated "), /custom CSS line 1, column 6: Unclosed comment/);
});

test("the scope must be a plain selector", () => {
  assert.doesNotThrow(() => sanitize(".a { color: red }", { scope: '[data-pool="p1"]' }));
  for (const scope of ["", ".a .b", ".a{}", ".a</style>", ".a,.b"]) {
    assert.throws(() => sanitize(".a { color: red }", { scope }), /invalid custom CSS scope selector/, scope);
  }
});
