// "Firefox on Windows": enough of a User-Agent header for people to recognise their own devices
// (the account page's sessions and sign-ins, a remembered device's name), without keeping the header.
/** Not a product name: worded in the page's language. */
const PROGRAM = "A program";
const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\//, "Edge"], [/OPR\/|Opera/, "Opera"], [/SamsungBrowser\//, "Samsung Internet"], [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\/|Chromium\//, "Chrome"], [/Safari\//, "Safari"], [/curl\//, "curl"], [/node|undici/i, PROGRAM],
];
const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPod/, "iPhone"], [/iPad/, "iPad"], [/Android/, "Android"], [/Windows/, "Windows"], [/CrOS/, "ChromeOS"],
  [/Mac OS X|Macintosh/, "macOS"], [/Linux/, "Linux"],
];

/** How a device is put in words: English by default; the account page passes its language's (lib/account/account-wording.ts). */
export type DeviceWords = { on: (browser: string, system: string) => string; program: string };
const ENGLISH: DeviceWords = { on: (browser, system) => `${browser} on ${system}`, program: "A program" };

/** The browser and system a User-Agent names, or `fallback` when it names neither. Product names stay as they are in every language. */
export function describeUserAgent(userAgent: string | null | undefined, fallback = "Unknown device", words: DeviceWords = ENGLISH): string {
  if (!userAgent) return fallback;
  const found = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const browser = found === PROGRAM ? words.program : found;
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return words.on(browser, system);
  return browser ?? system ?? fallback;
}
