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
