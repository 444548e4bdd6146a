// A user's initials in a circle, coloured by their name; grey when the user is disabled.
const TONES = ["bg-indigo-100 text-indigo-700", "bg-emerald-100 text-emerald-700", "bg-amber-100 text-amber-800", "bg-sky-100 text-sky-700", "bg-rose-100 text-rose-700", "bg-violet-100 text-violet-700"];

export function initials(name: string): string {
  if (/^\+\d+$/.test(name)) return name.slice(-2);
  const words = (name.split("@")[0] ?? name).split(/[\s._+-]+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const letters = words.slice(0, 2).map((w) => w.match(/[\p{L}\p{N}]/u)![0]);
  return letters.join("").toUpperCase() || "?";
}

export function Avatar({ name, muted, size = "sm" }: { name: string; muted: boolean; size?: "sm" | "lg" }) {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  // zinc-600 on zinc-100 keeps AA contrast even for a disabled user.
  const tone = muted ? "bg-zinc-100 text-zinc-600" : TONES[hash % TONES.length];
  const dimensions = size === "lg" ? "size-12 text-base" : "size-8 text-xs";
  return (
    <span aria-hidden="true" className={`flex shrink-0 items-center justify-center rounded-full font-semibold ${dimensions} ${tone}`}>
      {initials(name)}
    </span>
  );
}
