// Colour arithmetic for pool branding: WCAG 2.x contrast checks on the admin's palette, so the
// console can warn before a pool ships an unreadable sign-in page, and shade derivation for hover states.

export type Rgb = { r: number; g: number; b: number };

export type ContrastWarning = { pair: string; foreground: string; background: string; ratio: number; required: number };

export type BrandColors = { primary: string; primaryText?: string; background: string; surface: string; text: string; error: string };

/** WCAG AA for normal-size text; the hosted pages' body text and links are normal size. */
export const AA_NORMAL_TEXT = 4.5;

const LIGHT_TEXT = "#ffffff";
const DARK_TEXT = "#111827";

/** Parses #rgb or #rrggbb (any case); null for anything else, including named colours. */
export function parseHexColor(hex: string): Rgb | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (match === null) return null;
  const digits = match[1]!;
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join("") : digits;
  return {
    r: Number.parseInt(full.slice(0, 2), 16),
    g: Number.parseInt(full.slice(2, 4), 16),
    b: Number.parseInt(full.slice(4, 6), 16),
  };
}

/** WCAG 2.x relative luminance: 0 for black, 1 for white. */
export function relativeLuminance(rgb: Rgb): number {
  return 0.2126 * linearise(rgb.r) + 0.7152 * linearise(rgb.g) + 0.0722 * linearise(rgb.b);
}

function linearise(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** The WCAG contrast ratio of two hex colours, 1 to 21, rounded to 2 decimals; order does not matter. */
export function contrastRatio(a: string, b: string): number {
  return Math.round(exactContrastRatio(a, b) * 100) / 100;
}

// Pass/fail uses the unrounded ratio: WCAG does not round, so 4.496 fails 4.5.
function exactContrastRatio(a: string, b: string): number {
  const la = relativeLuminance(requireHexColor(a));
  const lb = relativeLuminance(requireHexColor(b));
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function requireHexColor(hex: string): Rgb {
  const rgb = parseHexColor(hex);
  if (rgb === null) throw new Error(`not a #rgb or #rrggbb colour: ${JSON.stringify(hex)}`);
  return rgb;
}

/** White or near-black (#111827), whichever reads better on the given colour; ties go to white. */
export function readableTextOn(color: string): string {
  return exactContrastRatio(DARK_TEXT, color) > exactContrastRatio(LIGHT_TEXT, color) ? DARK_TEXT : LIGHT_TEXT;
}

/** The colour pairs of the hosted pages that fall short of WCAG AA for normal text. */
export function contrastWarnings(colors: BrandColors): ContrastWarning[] {
  const primaryText = colors.primaryText ?? readableTextOn(colors.primary);
  const pairs: Array<[pair: string, foreground: string, background: string]> = [
    ["Text on surface", colors.text, colors.surface],
    ["Text on background", colors.text, colors.background],
    ["Error text on surface", colors.error, colors.surface],
    ["Button text on primary", primaryText, colors.primary],
    // Links are primary-coloured text on the card.
    ["Links (primary) on surface", colors.primary, colors.surface],
  ];
  return pairs.flatMap(([pair, foreground, background]) => {
    const exact = exactContrastRatio(foreground, background);
    if (exact >= AA_NORMAL_TEXT) return [];
    // Truncated, not rounded, so a failing pair never reads as meeting the requirement (4.496 → 4.49).
    const ratio = Math.floor(exact * 100) / 100;
    return [{ pair, foreground, background, ratio, required: AA_NORMAL_TEXT }];
  });
}

/**
 * Mixes two hex colours linearly in sRGB: weight 0 gives `hex`, 1 gives `other`
 * (mixColor(primary, "#000000", 0.15) is the primary 15% darker, for hover).
 */
export function mixColor(hex: string, other: string, weight: number): string {
  if (!Number.isFinite(weight)) throw new Error(`mix weight must be a number between 0 and 1, got ${weight}`);
  const w = Math.min(1, Math.max(0, weight));
  const a = requireHexColor(hex);
  const b = requireHexColor(other);
  const mix = (x: number, y: number): number => Math.round(x * (1 - w) + y * w);
  return toHex({ r: mix(a.r, b.r), g: mix(a.g, b.g), b: mix(a.b, b.b) });
}

function toHex(rgb: Rgb): string {
  return `#${[rgb.r, rgb.g, rgb.b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
}
