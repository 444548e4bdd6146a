// Admin-written custom CSS for the hosted sign-in pages. It is inlined inside a <style> element on
// pages that collect passwords, so it must stay inside the hosted pages' box, load nothing from
// elsewhere, run nothing, and never be able to close the <style> element it lives in.
import postcss, { CssSyntaxError, type AtRule, type ChildNode, type Declaration, type Root, type Rule } from "postcss";
import selectorParser, { type Selector } from "postcss-selector-parser";
import valueParser, { type Node as ValueNode } from "postcss-value-parser";

export type SanitizeCssOptions = {
  /** The selector of the hosted pages' container, e.g. ".gh-hosted"; every rule is prefixed with it. */
  scope: string;
  /** Resolves a pool asset id to a URL the page may load; null when the asset does not exist. */
  assetUrl?: (id: string) => string | null;
};

export type SanitizedCss = { css: string; warnings: string[] };

export const MAX_CUSTOM_CSS_LENGTH = 50_000;

// Lengthy generated content is a way to smuggle text onto the page; a label or icon glyph is short.
const MAX_CONTENT_LENGTH = 200;

// Only conditional group rules and animations are useful for theming a login page; everything else
// is either a fetch (@import, @font-face), a global side effect (@property, @page, @namespace) or unknown.
const FETCHING_AT_RULES = new Set(["import", "font-face"]);
const CONDITIONAL_AT_RULES = new Set(["media", "supports"]);

// Written url("asset:<id>") (quoted; url() is case-insensitive in CSS, the asset id is not).
const ASSET_REFERENCE = /^asset:([a-f0-9]{16,64})$/;
// Stands in for a resolved asset while the rest of the value is checked; it contains none of the
// forbidden patterns and cannot occur in input (the input may not contain a backslash or a NUL).
const ASSET_PLACEHOLDER = "\u0000asset\u0000";

type Context = { scope: string; assetUrl?: (id: string) => string | null; warnings: string[] };

export function sanitizeCustomCss(css: string, options: SanitizeCssOptions): SanitizedCss {
  if (css.length > MAX_CUSTOM_CSS_LENGTH) {
    throw new Error(`custom CSS is ${css.length} characters long; the limit is ${MAX_CUSTOM_CSS_LENGTH}`);
  }
  assertValidScope(options.scope);
  const root = parseCss(css.replace(/\u0000/g, "\ufffd"));
  const context: Context = { scope: options.scope, assetUrl: options.assetUrl, warnings: [] };
  sanitizeGroup(root, context);
  // Raws hold the input's original spacing, and with it any comments; default formatting holds none.
  root.walk((node) => {
    node.raws = {};
  });
  root.raws = {};
  const output = root.toString();
  assertSafeInsideStyleElement(output);
  return { css: output, warnings: context.warnings };
}

function parseCss(css: string): Root {
  try {
    return postcss.parse(css);
  } catch (error) {
    if (error instanceof CssSyntaxError) {
      throw new Error(`custom CSS line ${error.line ?? "?"}, column ${error.column ?? "?"}: ${error.reason}`);
    }
    throw error;
  }
}

// The scope is ours, not the admin's, but it is pasted into every selector: keep it a plain compound selector.
function assertValidScope(scope: string): void {
  if (!/^[A-Za-z0-9_.#:[\]="'-]+$/.test(scope) || !/^[.#[:a-zA-Z]/.test(scope)) {
    throw new Error(`invalid custom CSS scope selector: ${JSON.stringify(scope)}`);
  }
}

// Defence in depth: the rules below already remove every "<", so this should be unreachable.
function assertSafeInsideStyleElement(output: string): void {
  const lower = output.toLowerCase();
  if (lower.includes("</style") || lower.includes("<!--")) {
    throw new Error("custom CSS output would close the <style> element");
  }
}

// ---------------------------------------------------------------------------------------------
// Structure: which nodes may appear where.

/** The children of the root, of @media/@supports, or of an unwrapped @layer block. */
function sanitizeGroup(container: Root | AtRule, context: Context): void {
  for (const node of [...(container.nodes ?? [])]) sanitizeGroupChild(node, context);
}

function sanitizeGroupChild(node: ChildNode, context: Context): void {
  switch (node.type) {
    case "comment":
      node.remove();
      return;
    case "decl":
      removeWithWarning(node, context, `removed declaration "${node.prop}" outside any rule`);
      return;
    case "rule":
      sanitizeStyleRule(node, context);
      return;
    case "atrule":
      sanitizeAtRule(node, context);
      return;
  }
}

function sanitizeAtRule(atRule: AtRule, context: Context): void {
  const name = atRule.name.toLowerCase();
  if (FETCHING_AT_RULES.has(name)) {
    removeWithWarning(atRule, context, `removed @${atRule.name} (custom CSS cannot load external resources)`);
    return;
  }
  if (name === "layer") {
    unwrapLayer(atRule, context);
    return;
  }
  if (!CONDITIONAL_AT_RULES.has(name) && name !== "keyframes") {
    removeWithWarning(atRule, context, `removed @${atRule.name} (custom CSS may only use @media, @supports, @keyframes and @layer)`);
    return;
  }
  const problem = forbiddenValueProblem(stripComments(atRule.params));
  if (problem !== null) {
    removeWithWarning(atRule, context, `removed @${atRule.name} (${problem})`);
    return;
  }
  atRule.params = stripComments(atRule.params).trim();
  if (atRule.nodes === undefined) {
    removeWithWarning(atRule, context, `removed @${atRule.name} without a block`);
    return;
  }
  if (name === "keyframes") sanitizeKeyframes(atRule, context);
  else sanitizeGroup(atRule, context);
}

// Layers would let custom CSS declare layer order for the whole document (reordering the app's own
// layers) and would make the custom rules lose to the app's unlayered styles. So layer statements go,
// and the rules of a layer block are kept, unlayered and scoped like any other rule.
function unwrapLayer(atRule: AtRule, context: Context): void {
  if (atRule.nodes === undefined) {
    removeWithWarning(atRule, context, `removed @layer statement (custom CSS cannot reorder the page's cascade layers)`);
    return;
  }
  const name = atRule.params.trim() === "" ? "@layer" : `@layer ${clip(atRule.params)}`;
  warn(atRule, context, `unwrapped ${name} (its rules apply without a cascade layer)`);
  const children = [...atRule.nodes];
  atRule.replaceWith(children);
  for (const child of children) sanitizeGroupChild(child, context);
}

// Keyframe names are global and kept as written; keyframe selectors are positions, not elements,
// so they are validated rather than scoped.
function sanitizeKeyframes(atRule: AtRule, context: Context): void {
  if (!/^-?[A-Za-z_][\w-]*$/.test(atRule.params)) {
    removeWithWarning(atRule, context, `removed @keyframes with an invalid name`);
    return;
  }
  for (const node of [...(atRule.nodes ?? [])]) {
    if (node.type === "comment") node.remove();
    else if (node.type !== "rule") removeWithWarning(node, context, `removed ${describe(node)} inside @keyframes`);
    else if (!isKeyframeSelector(stripComments(node.selector))) {
      removeWithWarning(node, context, `removed keyframe "${clip(node.selector)}" (expected from, to or a percentage)`);
    } else {
      node.selector = normaliseKeyframeSelector(stripComments(node.selector));
      sanitizeDeclarations(node, context);
    }
  }
}

function isKeyframeSelector(selector: string): boolean {
  return selector.split(",").every((part) => /^(from|to|\d+(\.\d+)?%)$/i.test(part.trim()));
}

function normaliseKeyframeSelector(selector: string): string {
  return selector.split(",").map((part) => part.trim()).join(", ");
}

function sanitizeStyleRule(rule: Rule, context: Context): void {
  const selectorText = stripComments(rule.selector);
  const problem = escapeProblem(selectorText);
  if (problem !== null) {
    removeWithWarning(rule, context, `removed rule "${clip(selectorText)}" (${problem})`);
    return;
  }
  const scoped = scopeSelectorList(selectorText, rule, context);
  if (scoped.length === 0) {
    rule.remove();
    return;
  }
  rule.selector = scoped.join(", ");
  sanitizeDeclarations(rule, context);
}

// CSS nesting is not supported: a nested selector is relative to its parent, and "&" or a leading
// "+"/"~" next to a parent that became the scope itself could reach outside the hosted pages.
function sanitizeDeclarations(rule: Rule, context: Context): void {
  for (const node of [...rule.nodes]) {
    if (node.type === "comment") node.remove();
    else if (node.type === "decl") sanitizeDeclaration(node, context);
    else removeWithWarning(node, context, `removed nested ${describe(node)} (CSS nesting is not supported; write the full selector)`);
  }
}

// ---------------------------------------------------------------------------------------------
// Declarations.

function sanitizeDeclaration(decl: Declaration, context: Context): void {
  const prop = decl.prop;
  const propProblem = forbiddenPropertyProblem(prop);
  if (propProblem !== null) {
    removeWithWarning(decl, context, `removed "${clip(prop)}" declaration (${propProblem})`);
    return;
  }
  const value = sanitizeValue(stripComments(decl.value).trim(), decl, context);
  if (value === null) return;
  if (prop.toLowerCase() === "content" && value.length > MAX_CONTENT_LENGTH) {
    removeWithWarning(decl, context, `removed "content" declaration (longer than ${MAX_CONTENT_LENGTH} characters)`);
    return;
  }
  decl.value = value;
}

function forbiddenPropertyProblem(prop: string): string | null {
  const textProblem = forbiddenValueProblem(prop);
  if (textProblem !== null) return textProblem;
  if (!/^(--[\w-]+|-?[A-Za-z][\w-]*)$/.test(prop)) return "not a valid property name";
  return null;
}

/** The value to keep, or null after removing the declaration with a warning. */
function sanitizeValue(value: string, decl: Declaration, context: Context): string | null {
  const textProblem = forbiddenValueProblem(value);
  if (textProblem !== null) return removeValue(decl, context, textProblem);
  const urls: string[] = [];
  const missing: string[] = [];
  const masked = replaceAssetReferences(value, (id) => {
    const url = context.assetUrl?.(id) ?? null;
    if (url === null) missing.push(id);
    else urls.push(assertSafeAssetUrl(url));
    return ASSET_PLACEHOLDER;
  });
  if (missing.length > 0) return removeValue(decl, context, `asset ${missing[0]} does not exist`);
  const fetchProblem = forbiddenFunctionProblem(masked);
  if (fetchProblem !== null) return removeValue(decl, context, fetchProblem);
  let index = 0;
  return masked.replaceAll(ASSET_PLACEHOLDER, () => `url("${urls[index++]}")`);
}

/** The value with each url("asset:<id>") replaced by what `replace` returns for its id. */
function replaceAssetReferences(value: string, replace: (id: string) => string): string {
  const references: { start: number; end: number; id: string }[] = [];
  valueParser(value).walk((node) => {
    if (node.type !== "function" || node.value.toLowerCase() !== "url") return;
    const [argument, ...more] = node.nodes;
    const id = more.length === 0 && argument?.type === "string" && (argument.quote === '"' || argument.quote === "'") && !argument.unclosed
      ? ASSET_REFERENCE.exec(argument.value)?.[1]
      : undefined;
    if (id !== undefined && !node.unclosed) references.push({ start: node.sourceIndex, end: node.sourceEndIndex, id });
    return false;
  });
  let result = "";
  let from = 0;
  for (const reference of references) {
    result += value.slice(from, reference.start) + replace(reference.id);
    from = reference.end;
  }
  return result + value.slice(from);
}

function removeValue(decl: Declaration, context: Context, reason: string): null {
  removeWithWarning(decl, context, `removed "${clip(decl.prop)}" declaration (${reason})`);
  return null;
}

// Asset URLs come from our own storage, but they are pasted into a quoted CSS string: anything that
// could end the string or the element is a bug in the caller, not something to quietly drop.
function assertSafeAssetUrl(url: string): string {
  if (!/^[^"'\\<>()\s\u0000-\u001f]+$/.test(url)) {
    throw new Error(`assetUrl returned a URL that cannot be placed in CSS: ${JSON.stringify(url)}`);
  }
  return url;
}

// Checked on selectors, at-rule conditions, property names and values alike. Escapes can spell any
// forbidden word ("u\\72l(") and "<" is how the <style> element would be closed.
function escapeProblem(text: string): string | null {
  if (text.includes("\\")) return "backslash escapes are not allowed";
  if (text.includes("<")) return `"<" is not allowed`;
  return null;
}

// Legacy ways of running script from CSS (old IE, old Firefox) and script URLs.
function forbiddenValueProblem(text: string): string | null {
  const problem = escapeProblem(text);
  if (problem !== null) return problem;
  const lower = text.toLowerCase();
  if (lower.includes("expression(")) return "expression() runs script";
  if (lower.includes("javascript:")) return "javascript: URLs run script";
  if (lower.includes("behavior")) return "behavior runs script";
  if (lower.includes("-moz-binding")) return "-moz-binding runs script";
  return null;
}

// Every CSS function that can make the browser fetch something (src() is url()'s newer spelling).
const FETCHING_FUNCTIONS = ["url(", "src(", "image(", "image-set(", "cross-fade(", "element("];

function forbiddenFunctionProblem(value: string): string | null {
  const lower = value.toLowerCase();
  const found = FETCHING_FUNCTIONS.find((fn) => lower.includes(fn));
  if (found === undefined) return null;
  return `custom CSS cannot fetch through ${found})`;
}

// postcss leaves some comments inside values and selectors (e.g. "url/**/(x)"); drop them here,
// outside strings, so what is checked is what is written. Joining "url/**/(" into "url(" is fine:
// it is then refused. An unclosed comment (postcss refuses those) runs to the end and goes too.
function stripComments(text: string): string {
  return valueParser.stringify(withoutComments(valueParser(text).nodes));
}

function withoutComments(nodes: ValueNode[]): ValueNode[] {
  return nodes.filter((node) => node.type !== "comment").map((node) => (node.type === "function" ? { ...node, nodes: withoutComments(node.nodes) } : node));
}

// ---------------------------------------------------------------------------------------------
// Selector scoping.

type Combinator = " " | ">" | "+" | "~";
type SelectorPiece = { kind: "compound"; nodes: selectorParser.Node[] } | { kind: "combinator"; text: Combinator };

function scopeSelectorList(selectorList: string, rule: Rule, context: Context): string[] {
  let selectors: Selector[];
  try {
    selectors = selectorParser().astSync(selectorList).nodes;
  } catch {
    warn(rule, context, `removed selector "${clip(selectorList)}" (not a valid selector)`);
    return [];
  }
  const scoped: string[] = [];
  for (const selector of selectors) {
    const text = selector.toString().trim();
    if (text === "") continue; // "a, , b"
    const result = scopeSelector(selector, context.scope);
    if (result.ok) scoped.push(result.selector);
    else warn(rule, context, `removed selector "${clip(text)}" (${result.reason})`);
  }
  return [...new Set(scoped)]; // "html, body" both become the scope
}

type ScopeResult = { ok: true; selector: string } | { ok: false; reason: string };

/**
 * Prefixes one complex selector with the scope. Leading html/body/:root compounds become the scope
 * itself (keeping their classes and pseudo-classes), so "body .card" styles ".gh-hosted .card".
 */
function scopeSelector(selector: Selector, scope: string): ScopeResult {
  const pieces = splitComplexSelector(selector);
  if (pieces === null || pieces.length === 0) return { ok: false, reason: "not a valid selector" };
  let head = scope;
  let i = 0;
  while (i < pieces.length) {
    const piece = pieces[i]!;
    const qualifiers = piece.kind === "compound" ? documentRootQualifiers(piece.nodes) : null;
    if (qualifiers !== null) {
      head += qualifiers;
      i++;
    } else if (i > 0 && isDescendantCombinator(piece) && nextIsDocumentRoot(pieces, i)) {
      i++; // "html > body": both are the scope
    } else {
      break;
    }
  }
  const rest = pieces.slice(i);
  const first = rest[0];
  if (first === undefined) return { ok: true, selector: head };
  if (first.kind === "combinator" && (first.text === "+" || first.text === "~")) {
    // The scope's siblings live outside the hosted pages.
    return { ok: false, reason: "it would style elements outside the hosted pages" };
  }
  const joined = joinSelectorPieces(first.kind === "combinator" ? rest : [{ kind: "combinator", text: " " }, ...rest]);
  return { ok: true, selector: head + joined };
}

function isDescendantCombinator(piece: SelectorPiece): boolean {
  return piece.kind === "combinator" && (piece.text === " " || piece.text === ">");
}

function nextIsDocumentRoot(pieces: SelectorPiece[], index: number): boolean {
  const next = pieces[index + 1];
  return next?.kind === "compound" && documentRootQualifiers(next.nodes) !== null;
}

/** For a compound selecting html, body or :root, what qualifies it further (".dark" in "body.dark"); otherwise null. */
function documentRootQualifiers(compound: selectorParser.Node[]): string | null {
  let rest = compound;
  const [first] = rest;
  if (first !== undefined && selectorParser.isTag(first) && first.namespace === undefined && /^(html|body)$/i.test(first.value)) rest = rest.slice(1);
  const [next] = rest;
  if (next !== undefined && selectorParser.isPseudo(next) && next.value.toLowerCase() === ":root" && next.nodes.length === 0) rest = rest.slice(1);
  return rest === compound ? null : compoundText(rest);
}

function compoundText(nodes: selectorParser.Node[]): string {
  return nodes.map(String).join("").trim();
}

function joinSelectorPieces(pieces: SelectorPiece[]): string {
  return pieces.map((piece) => (piece.kind === "compound" ? compoundText(piece.nodes) : piece.text === " " ? " " : ` ${piece.text} `)).join("");
}

/** Splits a complex selector into compounds and combinators; null for a combinator CSS does not have, two in a row, or one at the end. */
function splitComplexSelector(selector: Selector): SelectorPiece[] | null {
  const pieces: SelectorPiece[] = [];
  for (const node of selector.nodes) {
    if (node.type === "comment") continue;
    const last = pieces.at(-1);
    if (selectorParser.isCombinator(node)) {
      const text = node.value.trim() === "" ? " " : node.value.trim();
      if (text !== " " && text !== ">" && text !== "+" && text !== "~") return null;
      if (last?.kind === "combinator") return null;
      pieces.push({ kind: "combinator", text });
    } else if (last?.kind === "compound") {
      last.nodes.push(node);
    } else {
      pieces.push({ kind: "compound", nodes: [node] });
    }
  }
  return pieces.at(-1)?.kind === "combinator" ? null : pieces;
}

// ---------------------------------------------------------------------------------------------
// Warnings.

function removeWithWarning(node: ChildNode, context: Context, message: string): void {
  warn(node, context, message);
  node.remove();
}

function warn(node: ChildNode, context: Context, message: string): void {
  const line = node.source?.start?.line;
  context.warnings.push(line === undefined ? message : `line ${line}: ${message}`);
}

function describe(node: ChildNode): string {
  if (node.type === "rule") return `rule "${clip(node.selector)}"`;
  if (node.type === "atrule") return `@${node.name}`;
  if (node.type === "decl") return `declaration "${clip(node.prop)}"`;
  return "comment";
}

// Warnings are shown to the admin; a pasted minified stylesheet should not make them unreadable.
function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}
