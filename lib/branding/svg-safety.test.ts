import { test } from "node:test";
import assert from "node:assert/strict";
import { svgProblem } from "./svg-safety.ts";

const NS = 'xmlns="http://www.w3.org/2000/svg"';
const XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"';
const svg = (inner: string, attrs = "") => `<svg ${NS} ${XLINK}${attrs}>${inner}</svg>`;

test("SVG: plain drawings pass, as editors save them", () => {
  const pictures = [
    svg('<rect width="10" height="10" fill="#4f46e5"/><circle cx="5" cy="5" r="2" style="fill: url(#g)"/>'),
    `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!-- Created with Inkscape -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n` +
      `<svg ${NS} ${XLINK} xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" width="64" height="64" viewBox="0 0 64 64" xml:space="preserve">` +
      `<sodipodi:namedview id="base" inkscape:zoom="1"/><metadata><rdf:RDF><dc:title>Logo &amp; mark</dc:title></rdf:RDF></metadata>` +
      `<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient><path id="p" d="M0 0h8v8z"/></defs>` +
      `<g inkscape:label="Layer 1" transform="translate(1 1)"><use xlink:href="#p"/><use href="#p" x="10"/><text x="1" y="20">Acme &#169;</text></g></svg>`,
    svg('<style><![CDATA[ .a { fill: red } ]]></style><path class="a" d="M0 0h1v1z"/>'),
    svg('<g><animateTransform attributeName="transform" type="rotate" from="0 5 5" to="360 5 5" dur="2s" repeatCount="indefinite"/></g>'),
    svg('<filter id="f"><feGaussianBlur stdDeviation="1"/></filter><rect filter="url(#f)" width="1" height="1"/>'),
    "\uFEFF" + svg("<rect width='1' height='1'/>"),
  ];
  for (const picture of pictures) assert.equal(svgProblem(picture), null, picture);
});

test("SVG: SMIL that rewrites handlers or links is refused (<set>, <animate>, attributeName)", () => {
  const attacks = [
    svg('<set attributeName="onload" to="alert(1)"/>'),
    svg('<rect width="1" height="1"><set attributeName="onmouseover" to="alert(document.domain)"/></rect>'),
    svg('<set attributeName="on&#x6C;oad" to="alert(1)"/>'),
    svg('<a><set attributeName="href" to="javascript:alert(1)"/><text y="10">x</text></a>'),
    svg('<a xlink:href="#x"><set attributeName="xlink:href" to="https://evil.example/"/><rect width="1" height="1"/></a>'),
    svg('<animate attributeName="href" to="javascript:alert(1)"/>'),
    svg('<animate attributeName="href" values="javascript:alert(1);#x"/>'),
    svg('<animate attributeName="onbegin" to="alert(1)"/>'),
    svg('<animateColor attributeName="onclick" to="alert(1)"/>'),
    svg('<discard begin="0s"/>'),
    // Allowed elements still may not aim an animation at anything but a transform.
    svg('<animateTransform attributeName="href" to="javascript:alert(1)"/>'),
    svg('<animateMotion attributeName="onload" to="alert(1)"/>'),
    svg('<animateTransform attributeName="xlink:href" values="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"/>'),
  ];
  for (const attack of attacks) assert.ok(svgProblem(attack), attack);
});

test("SVG: scripts, handlers and links are refused however they are spelt", () => {
  const attacks = [
    svg("<script>alert(1)</script>"),
    svg("<SCRIPT>alert(1)</SCRIPT>"),
    svg('<script xlink:href="https://evil.example/x.js"/>'),
    svg('<x:script xmlns:x="http://www.w3.org/2000/svg">alert(1)</x:script>'),
    svg('<h:iframe xmlns:h="http://www.w3.org/1999/xhtml" src="javascript:alert(1)"/>'),
    svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'),
    svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'),
    svg('<rect width="1" height="1"/>', ' onload="alert(1)"'),
    svg('<rect width="1" height="1"/>', ' ONLOAD="alert(1)"'),
    svg('<rect width="1" height="1"/>', ' onload\t=\n"alert(1)"'),
    `<svg/onload=alert(1) ${NS}></svg>`,
    svg('<a href="javascript:alert(1)"><text>x</text></a>'),
    svg('<use href="&#106;avascript:alert(1)"/>'),
    svg('<use href="  java&#x09;script:alert(1)"/>'),
    svg('<use href="data:image/svg+xml;base64,PHN2Zy8+#x"/>'),
    svg('<use xlink:href="https://evil.example/sprite.svg#icon"/>'),
    svg('<use e:href="https://evil.example/s.svg#i" xmlns:e="http://www.w3.org/1999/xlink"/>'),
    svg('<image href="https://evil.example/track.png"/>'),
    svg('<filter id="f"><feImage href="https://evil.example/x.svg"/></filter>'),
    svg('<rect width="1" height="1" style="background:url(javascript:alert(1))"/>'),
    svg('<handler type="application/ecmascript">alert(1)</handler>'),
    svg('<iframe src="https://evil.example/"/>'),
    svg('<rect x:onload="alert(1)" xmlns:x="urn:anything" width="1"/>'),
    svg('<rect svg:onload="alert(1)" xmlns:svg="http://www.w3.org/2000/svg" width="1"/>'),
    svg('<rect xml:base="javascript:alert(1)//" width="1"/>'),
    svg('<rect undeclared:thing="1" width="1"/>'),
  ];
  for (const attack of attacks) assert.ok(svgProblem(attack), attack);
});

test("SVG: documents that change how the rest is parsed are refused", () => {
  const attacks = [
    `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">]>${svg("&x;")}`,
    `<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="data:text/xml,x"?>${svg("")}`,
    `<?xml-stylesheet href="https://evil.example/x.xsl"?>${svg("")}`,
    svg("&unknown;"),
    `<svg xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></svg>`,
    `<html><svg ${NS}></svg></html>`,
    `${svg("")}<script>alert(1)</script>`,
    `${svg("")}${svg("")}`,
    `<![CDATA[<script>]]>${svg("")}`,
    svg('<rect width="1" title="a>b" onload="x"/>'),
    svg("<rect width='1'"),
    "not an svg",
    "",
  ];
  for (const attack of attacks) assert.ok(svgProblem(attack), attack);
});
