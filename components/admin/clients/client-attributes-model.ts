// The app client form's attribute permissions: which attributes the client may read (ID token,
// userInfo) and write (sign-up). The rules are lib/pools/client-attributes.ts's; this is their shape
// as checkboxes, and back to the API's lists (null where a list is the default).
import { ATTRIBUTE_LABELS, STANDARD_ATTRIBUTES, type CustomAttribute } from "@/lib/pools/attributes.ts";
import { VERIFIED_FLAGS, type AttributePermissions } from "@/lib/pools/client-attributes.ts";

export type PoolAttributes = { customAttributes: CustomAttribute[]; requiredAttributes: string[] };

export type AttributeRow = {
  name: string;
  label: string;
  group: "standard" | "custom";
  /** email_verified, phone_number_verified: set by verification, never by a client. */
  readOnly: boolean;
  /** Required in the pool: the client must write it (and so read it). */
  required: boolean;
  immutable: boolean;
  type: CustomAttribute["type"] | null;
};

export type Selection = { read: string[]; write: string[] };

const VERIFIED_LABELS: Record<(typeof VERIFIED_FLAGS)[number], string> = {
  email_verified: "Email verified",
  phone_number_verified: "Phone number verified",
};

/** Every attribute of the pool, standard ones first (each verified flag after its address), then custom. */
export function attributeRows(pool: PoolAttributes): AttributeRow[] {
  const standard = STANDARD_ATTRIBUTES.flatMap((name) => (name === "email" ? [name, "email_verified"] : name === "phone_number" ? [name, "phone_number_verified"] : [name]));
  return [
    ...standard.map((name): AttributeRow => {
      const readOnly = (VERIFIED_FLAGS as readonly string[]).includes(name);
      return {
        name,
        label: readOnly ? VERIFIED_LABELS[name as (typeof VERIFIED_FLAGS)[number]] : ATTRIBUTE_LABELS[name as keyof typeof ATTRIBUTE_LABELS],
        group: "standard",
        readOnly,
        required: pool.requiredAttributes.includes(name),
        immutable: false,
        type: null,
      };
    }),
    ...pool.customAttributes.map((a): AttributeRow => ({
      name: `custom:${a.name}`, label: a.name, group: "custom", readOnly: false, required: false, immutable: !a.mutable, type: a.type,
    })),
  ];
}

/** The default write list for a read list: the standard attributes among them (never custom:*). */
function defaultWrite(pool: PoolAttributes, read: string[]): string[] {
  return attributeRows(pool).filter((r) => r.group === "standard" && !r.readOnly && read.includes(r.name)).map((r) => r.name);
}

/** What a client gets when its lists are the default: reads every attribute, writes the standard ones. */
export function defaultSelection(pool: PoolAttributes): Selection {
  const read = attributeRows(pool).map((r) => r.name);
  return { read, write: defaultWrite(pool, read) };
}

/** The boxes to tick for a client's stored lists (required attributes always: the server insists). */
export function initialSelection(client: AttributePermissions | undefined, pool: PoolAttributes): Selection {
  const stored = client?.readAttributes ?? defaultSelection(pool).read;
  const write = new Set([...(client?.writeAttributes ?? defaultWrite(pool, stored)), ...pool.requiredAttributes]);
  const read = new Set([...stored, ...write]);
  return ordered(pool, { read: [...read], write: [...write] });
}

function ordered(pool: PoolAttributes, selection: Selection): Selection {
  const names = attributeRows(pool).map((r) => r.name);
  const sort = (list: string[]) => names.filter((n) => list.includes(n)).concat(list.filter((n) => !names.includes(n)));
  return { read: sort(selection.read), write: sort(selection.write) };
}

/** Ticking write ticks read too (a writable attribute is readable); unticking read unticks write. */
export function setPermission(pool: PoolAttributes, selection: Selection, kind: "read" | "write", names: string[], on: boolean): Selection {
  const rows = new Map(attributeRows(pool).map((r) => [r.name, r]));
  // Required attributes stay readable and writable; verified flags are never writable.
  const changeable = names.filter((n) => !rows.get(n)?.required && !(kind === "write" && rows.get(n)?.readOnly));
  const read = new Set(selection.read);
  const write = new Set(selection.write);
  for (const name of changeable) {
    if (kind === "read") {
      if (on) read.add(name);
      else {
        read.delete(name);
        write.delete(name);
      }
    } else if (on) {
      write.add(name);
      read.add(name);
    } else write.delete(name);
  }
  return ordered(pool, { read: [...read], write: [...write] });
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * The API's lists for a selection: the stored value while its boxes are unchanged, null (the
 * default, which also covers custom attributes added later) when they match the default, else the list.
 */
export function selectionToLists(pool: PoolAttributes, selection: Selection, initial: Selection, stored: AttributePermissions | undefined): AttributePermissions {
  const unchanged = (kind: "read" | "write") => stored !== undefined && sameSet(selection[kind], initial[kind]) && sameSet(selection.read, initial.read);
  const readAttributes = unchanged("read") ? stored!.readAttributes : sameSet(selection.read, defaultSelection(pool).read) ? null : selection.read;
  // A null write list follows the read list (the standard attributes among them), so it is kept
  // only while both are unchanged.
  const writeAttributes = unchanged("write") ? stored!.writeAttributes : sameSet(selection.write, defaultWrite(pool, selection.read)) ? null : selection.write;
  return { readAttributes, writeAttributes };
}

/** "Reads all 21 attributes · writes 17 of 19", for the section's summary. */
export function selectionSummary(pool: PoolAttributes, selection: Selection): string {
  const rows = attributeRows(pool);
  const writable = rows.filter((r) => !r.readOnly).length;
  const read = selection.read.length === rows.length ? `Reads all ${rows.length} attributes` : `Reads ${selection.read.length} of ${rows.length} attributes`;
  const write = selection.write.length === 0 ? "writes none" : selection.write.length === writable ? `writes all ${writable}` : `writes ${selection.write.length} of ${writable}`;
  return `${read} · ${write}`;
}
