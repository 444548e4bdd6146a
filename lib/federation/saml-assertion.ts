// The checks of a verified SAML assertion that node-saml leaves to its caller (Web Browser SSO
// profile, SAML 2.0 profiles 4.1.4.3): the Issuer is the IdP of the metadata, a bearer
// SubjectConfirmation names our ACS as Recipient, is still valid and answers our request (or no
// request at all when IdP-initiated); and the assertion's id and how long it must be remembered to
// refuse a replay. Runs on the XML node-saml verified, never on the raw post.
import { elements, NS, parseXml } from "./saml-metadata.ts";

const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

function child(parent: Element, local: string): Element | undefined {
  return elements(parent, NS.saml, local).find((e) => e.parentNode === parent);
}

function instant(value: string | null): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export function checkAssertion(options: {
  xml: string; issuer: string; recipient: string; requestId: string | null; now: number; skewMs: number;
}): { id: string; expiresAt: Date } | { error: string } {
  let assertion: Element;
  try {
    assertion = parseXml(options.xml).documentElement;
  } catch {
    return { error: "the signed assertion could not be read" };
  }
  if (assertion.namespaceURI !== NS.saml || assertion.localName !== "Assertion") return { error: "the signed part is not an Assertion" };
  const id = assertion.getAttribute("ID");
  if (!id) return { error: "the assertion has no ID" };
  const issuer = child(assertion, "Issuer")?.textContent?.trim();
  if (issuer !== options.issuer) return { error: `the assertion's Issuer is ${issuer ?? "missing"}, not ${options.issuer}` };
  const subject = child(assertion, "Subject");
  if (!subject || !child(subject, "NameID")?.textContent?.trim()) return { error: "the assertion names no subject (NameID)" };

  const confirmations = elements(subject, NS.saml, "SubjectConfirmation").filter((c) => c.getAttribute("Method") === BEARER);
  let confirmedUntil: number | null = null;
  let why = "it has no bearer SubjectConfirmation";
  for (const confirmation of confirmations) {
    const data = elements(confirmation, NS.saml, "SubjectConfirmationData")[0];
    if (!data) continue;
    const notOnOrAfter = instant(data.getAttribute("NotOnOrAfter"));
    const notBefore = instant(data.getAttribute("NotBefore"));
    const inResponseTo = data.getAttribute("InResponseTo") || null;
    if (data.getAttribute("Recipient") !== options.recipient) why = `its Recipient is ${data.getAttribute("Recipient") ?? "missing"}, not this pool's ACS`;
    else if (notOnOrAfter === null) why = "its SubjectConfirmationData has no NotOnOrAfter";
    else if (options.now - options.skewMs >= notOnOrAfter) why = "it has expired";
    else if (notBefore !== null && options.now + options.skewMs < notBefore) why = "it is not yet valid";
    else if (inResponseTo !== options.requestId)
      why = options.requestId ? "it does not answer this sign-in's request (InResponseTo)" : "it answers a request this sign-in did not send (InResponseTo)";
    else {
      confirmedUntil = notOnOrAfter;
      break;
    }
  }
  if (confirmedUntil === null) return { error: why };
  const conditions = child(assertion, "Conditions");
  const conditionsUntil = instant(conditions?.getAttribute("NotOnOrAfter") ?? null) ?? 0;
  return { id, expiresAt: new Date(Math.max(confirmedUntil, conditionsUntil) + options.skewMs) };
}
