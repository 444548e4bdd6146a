// "Firefox on Windows": enough of a User-Agent header for people to recognise their own devices
// (the account page's sessions and sign-ins, a remembered device's name), without keeping the header.
const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\//, "Edge"], [/OPR\/|Opera/, "Opera"], [/SamsungBrowser\//, "Samsung Internet"], [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\/|Chromium\//, "Chrome"], [/Safari\//, "Safari"], [/curl\//, "curl"], [/node|undici/i, "A program"],
];
const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPod/, "iPhone"], [/iPad/, "iPad"], [/Android/, "Android"], [/Windows/, "Windows"], [/CrOS/, "ChromeOS"],
  [/Mac OS X|Macintosh/, "macOS"], [/Linux/, "Linux"],
];

/** The browser and system a User-Agent names, or `fallback` when it names neither. */
export function describeUserAgent(userAgent: string | null | undefined, fallback = "Unknown device"): string {
  if (!userAgent) return fallback;
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? fallback;
}
