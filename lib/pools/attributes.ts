// Cognito's standard user attributes. Everything else a user has is a custom:* attribute.
export const STANDARD_ATTRIBUTES = [
  "address", "birthdate", "email", "family_name", "gender", "given_name", "locale", "middle_name", "name",
  "nickname", "phone_number", "picture", "preferred_username", "profile", "updated_at", "website", "zoneinfo",
] as const;

export type StandardAttribute = (typeof STANDARD_ATTRIBUTES)[number];

export const ATTRIBUTE_LABELS: Record<StandardAttribute, string> = {
  address: "Address", birthdate: "Date of birth", email: "Email", family_name: "Family name", gender: "Gender",
  given_name: "Given name", locale: "Locale", middle_name: "Middle name", name: "Full name", nickname: "Nickname",
  phone_number: "Phone number", picture: "Picture URL", preferred_username: "Preferred username", profile: "Profile URL",
  updated_at: "Updated at", website: "Website", zoneinfo: "Time zone",
};

export function isStandardAttribute(name: string): name is StandardAttribute {
  return (STANDARD_ATTRIBUTES as readonly string[]).includes(name);
}

/** Claims in the `profile` scope (OpenID Connect Core 5.4), used to filter userInfo. */
export const PROFILE_CLAIMS = [
  "name", "family_name", "given_name", "middle_name", "nickname", "preferred_username", "profile", "picture",
  "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at", "address",
];

export type CustomAttribute = { name: string; type: "String" | "Number" | "Boolean" | "DateTime"; mutable: boolean };

/** A custom attribute defined `mutable: false`: written only when the user is created (sign-up, admin create, import). */
export function isImmutable(pool: { customAttributes: readonly CustomAttribute[] }, name: string): boolean {
  return pool.customAttributes.some((a) => `custom:${a.name}` === name && !a.mutable);
}

/** Cognito's answer to a change of an immutable attribute, and why. */
export function immutableMessage(name: string): string {
  return `user.${name}: Attribute cannot be updated. It is immutable: it is set only when the user is created.`;
}

/** Required attributes when a pool names none: what its users sign in or are verified with. */
export function defaultRequiredAttributes(pool: { signInAliases: readonly string[]; autoVerifiedAttributes: readonly string[] }): string[] {
  const required = new Set<string>();
  if (pool.signInAliases.includes("email") && !pool.signInAliases.includes("username")) required.add("email");
  if (pool.autoVerifiedAttributes.includes("email") && !pool.signInAliases.includes("phone")) required.add("email");
  if (pool.signInAliases.includes("phone") && !pool.signInAliases.includes("email") && !pool.signInAliases.includes("username")) required.add("phone_number");
  return [...required];
}

/** An existing user's attributes as a re-applied config file leaves them: immutable ones keep their
 * stored value, or stay unset. `ignored` names those the file gave a different value. */
export function keepImmutableAttributes(
  pool: { customAttributes: readonly CustomAttribute[] },
  next: Record<string, string>,
  stored: Record<string, string>,
): { attributes: Record<string, string>; ignored: string[] } {
  const attributes = { ...next };
  const ignored: string[] = [];
  for (const { name: bare, mutable } of pool.customAttributes) {
    const name = `custom:${bare}`;
    if (mutable) continue;
    if (name in next && next[name] !== stored[name]) ignored.push(name);
    if (stored[name] === undefined) delete attributes[name];
    else attributes[name] = stored[name];
  }
  return { attributes, ignored };
}
