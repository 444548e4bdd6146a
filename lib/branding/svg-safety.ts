// Is an uploaded SVG a picture and nothing more? An SVG is a document that can run script, load
// other documents and rewrite itself (SMIL: `<set attributeName="onload">`, `<animate
// attributeName="href" to="javascript:…">`), so a list of bad words always misses a trick.
// Instead the file is read as the browser's XML parser reads it (tags, attributes, entities,
// namespaces), and every element and attribute must be on an allow-list of drawing features
// (the shape of DOMPurify's SVG profile). Assets are also served with a sandboxing CSP, so even a
// missed trick could not run in our origin; this check keeps hosted pages from showing one.

const SVG_NS = "http://www.w3.org/2000/svg";
const XLINK_NS = "http://www.w3.org/1999/xlink";
/** Namespaces whose elements or attributes a browser gives behaviour to; any other is inert metadata (Inkscape's, RDF). */
const ACTIVE_NAMESPACES = new Set([
  SVG_NS, XLINK_NS, "http://www.w3.org/1999/xhtml", "http://www.w3.org/1998/Math/MathML",
  "http://www.w3.org/1999/XSL/Transform", "http://www.w3.org/2001/xml-events", "http://www.w3.org/XML/1998/namespace",
]);

/** Drawing, text, paint servers, clipping, filters and transform-only animation. Not: script,
 * foreignObject, a, image, feImage, set, animate, animateColor, discard, handler, listener, iframe… */
const ELEMENTS = new Set([
  "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "switch", "view", "style",
  "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textpath",
  "lineargradient", "radialgradient", "stop", "pattern", "clippath", "mask", "marker",
  "filter", "feblend", "fecolormatrix", "fecomponenttransfer", "fecomposite", "feconvolvematrix", "fediffuselighting",
  "fedisplacementmap", "fedistantlight", "fedropshadow", "feflood", "fefunca", "fefuncb", "fefuncg", "fefuncr",
  "fegaussianblur", "femerge", "femergenode", "femorphology", "feoffset", "fepointlight", "fespecularlighting",
  "fespotlight", "fetile", "feturbulence",
  "animatetransform", "animatemotion", "mpath",
]);
/** What an animation may target: transforms only, never an event handler or a link. */
const ANIMATABLE = new Set(["transform", "gradienttransform", "patterntransform"]);

const START_TAG = /<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:\s+[^\s=/>"'<]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
const ATTRIBUTE = /\s+([^\s=/>"'<]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;
const END_TAG = /<\/([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*>/y;
const XML_DECLARATION = /<\?xml\s[^?]*\?>/y;
const DOCTYPE = /<!DOCTYPE\s+svg(?:\s+PUBLIC\s+(?:"[^"]*"|'[^']*')\s+(?:"[^"]*"|'[^']*')|\s+SYSTEM\s+(?:"[^"]*"|'[^']*'))?\s*>/iy;
const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** An attribute value as the parser sees it, or null when it holds a reference XML does not define. */
function decodeEntities(value: string): string | null {
  let ok = true;
  const decoded = value.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
    const hex = /^#x([0-9a-f]{1,6})$/i.exec(ref);
    const dec = /^#([0-9]{1,7})$/.exec(ref);
    const point = hex ? parseInt(hex[1]!, 16) : dec ? parseInt(dec[1]!, 10) : null;
    if (whole.endsWith(";") && point !== null && point <= 0x10ffff) return String.fromCodePoint(point);
    if (whole.endsWith(";") && ref in NAMED_ENTITIES) return NAMED_ENTITIES[ref]!;
    ok = false;
    return "";
  });
  return ok ? decoded : null;
}

/** A URL a browser would resolve against the document itself: a fragment (`#id`), nothing else. */
function isLocalReference(value: string): boolean {
  return /^[\s\x00-\x1f]*#/.test(value);
}

/** Script URLs however spaced or cased (browsers drop tabs and newlines inside a URL). */
function hasScriptUrl(value: string): boolean {
  return /(java|vb)script:/i.test(value.replace(/[\s\x00-\x1f]/g, ""));
}

/** What makes this SVG unfit for a hosted page, or null when it is only a picture. */
export function svgProblem(source: string): string | null {
  const text = source.replace(/^\uFEFF/, "");
  const prefixes = new Map<string, Set<string>>([["xml", new Set(["http://www.w3.org/XML/1998/namespace"])]]);
  const namespacesOf = (prefix: string) => prefixes.get(prefix) ?? new Set<string>();
  const stack: string[] = [];
  let rootSeen = false;
  let i = 0;
  XML_DECLARATION.lastIndex = 0;
  if (XML_DECLARATION.test(text)) i = XML_DECLARATION.lastIndex;

  while (i < text.length) {
    const lt = text.indexOf("<", i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    if (stack.length === 0 && chunk.trim()) return "text outside the <svg> element";
    if (chunk.includes("&") && decodeEntities(chunk) === null) return "an entity XML does not define";
    if (lt < 0) break;
    i = lt;
    if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      if (end < 0) return "an unterminated comment";
      i = end + 3;
      continue;
    }
    if (text.startsWith("<![CDATA[", i)) {
      const end = text.indexOf("]]>", i);
      if (end < 0 || stack.length === 0) return "a misplaced CDATA section";
      i = end + 3;
      continue;
    }
    if (/^<!DOCTYPE/i.test(text.slice(i, i + 9))) {
      DOCTYPE.lastIndex = i;
      if (rootSeen || !DOCTYPE.test(text)) return "a document type with declarations (entities)";
      i = DOCTYPE.lastIndex;
      continue;
    }
    if (text.startsWith("<?", i) || text.startsWith("<!", i)) return "a processing instruction or declaration (such as xml-stylesheet)";
    if (text.startsWith("</", i)) {
      END_TAG.lastIndex = i;
      const end = END_TAG.exec(text);
      if (!end || stack.pop() !== end[1]) return "malformed markup";
      i = END_TAG.lastIndex;
      continue;
    }

    START_TAG.lastIndex = i;
    const tag = START_TAG.exec(text);
    if (!tag) return "malformed markup";
    i = START_TAG.lastIndex;
    const [, name, rawAttributes, selfClosing] = tag as unknown as [string, string, string, string];
    if (rootSeen && stack.length === 0) return "a second root element";
    if (!rootSeen && name !== "svg") return "a root element other than <svg>";
    rootSeen = true;

    const attributes: [string, string][] = [];
    for (const m of rawAttributes.matchAll(ATTRIBUTE)) {
      const value = decodeEntities(m[2] ?? m[3] ?? "");
      if (value === null) return "an entity XML does not define";
      attributes.push([m[1]!, value]);
    }
    // Declarations first: they are in scope on their own element. Every binding of a prefix is
    // kept, so a name is judged by every namespace it could mean.
    for (const [attr, value] of attributes) {
      if (attr === "xmlns" && value !== SVG_NS) return "elements outside the SVG namespace";
      if (attr.startsWith("xmlns:")) {
        const prefix = attr.slice(6);
        if (prefix === "xml" || prefix === "xmlns") return "a reserved namespace prefix";
        prefixes.set(prefix, namespacesOf(prefix).add(value));
      }
    }

    const problem = elementProblem(name, namespacesOf) ?? attributes.map(([attr, value]) => attributeProblem(attr, value, namespacesOf)).find((p) => p !== null) ?? null;
    if (problem) return problem;
    if (!selfClosing) stack.push(name);
  }
  if (!rootSeen) return "no <svg> element";
  if (stack.length) return "malformed markup";
  return null;
}

function elementProblem(name: string, namespacesOf: (prefix: string) => Set<string>): string | null {
  const colon = name.indexOf(":");
  if (colon < 0) return ELEMENTS.has(name.toLowerCase()) ? null : `<${name}> elements`;
  const namespaces = namespacesOf(name.slice(0, colon));
  if (namespaces.size === 0) return `an undeclared namespace prefix (${name})`;
  for (const ns of namespaces) {
    if (ns === SVG_NS && !ELEMENTS.has(name.slice(colon + 1).toLowerCase())) return `<${name}> elements`;
    if (ns !== SVG_NS && ACTIVE_NAMESPACES.has(ns)) return `<${name}> elements from another document language`;
  }
  return null;
}

function attributeProblem(name: string, value: string, namespacesOf: (prefix: string) => Set<string>): string | null {
  if (name === "xmlns" || name.startsWith("xmlns:")) return null;
  const colon = name.indexOf(":");
  const local = (colon < 0 ? name : name.slice(colon + 1)).toLowerCase();
  if (colon >= 0) {
    const namespaces = namespacesOf(name.slice(0, colon));
    if (namespaces.size === 0) return `an undeclared namespace prefix (${name})`;
    for (const ns of namespaces) {
      if (ns === "http://www.w3.org/XML/1998/namespace" && local !== "space" && local !== "lang") return `the ${name} attribute`;
      if (ns !== XLINK_NS && ns !== "http://www.w3.org/XML/1998/namespace" && ACTIVE_NAMESPACES.has(ns)) return `the ${name} attribute`;
    }
  }
  if (local.startsWith("on")) return `event handlers (${name})`;
  if (local === "href" && !isLocalReference(value)) return `links to other documents (${name})`;
  if (local === "attributename" && !ANIMATABLE.has(value.trim().toLowerCase())) return `animations of ${value.trim() || "an attribute"}`;
  if (hasScriptUrl(value)) return "script URLs";
  return null;
}
