// The writing direction of a title's language, for `dir` in every edition
// (HTML `dir`, the EPUB spine's page-progression-direction). From the
// language tag through Intl (CLDR): the script the tag names, else the
// locale's text direction, else the direction of its likely script
// ("ar" → Arab, "he" → Hebr).
export type Direction = "ltr" | "rtl";

/** Scripts written right to left (Unicode script codes, ISO 15924). */
const RTL_SCRIPTS = new Set(["Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand", "Samr", "Mend", "Yezi"]);

export function directionOf(language: string): Direction {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(language);
  } catch {
    return "ltr"; // Not a tag Intl reads; loading has already said so.
  }
  // A script the tag names decides (V8's textInfo says "ltr" for az-Arab).
  if (locale.script) return RTL_SCRIPTS.has(locale.script) ? "rtl" : "ltr";
  // V8 (Node 20) exposes `textInfo`; the standard now names it getTextInfo().
  const info = locale as Intl.Locale & { textInfo?: { direction?: string }; getTextInfo?: () => { direction?: string } };
  const direction = info.getTextInfo?.().direction ?? info.textInfo?.direction;
  if (direction === "rtl" || direction === "ltr") return direction;
  return RTL_SCRIPTS.has(locale.maximize().script ?? "") ? "rtl" : "ltr";
}
