// A short original Hebrew title for the right-to-left test (test/rtl.test.ts):
// three paragraphs, a quotation with its source and note, a textual note, then
// EXTRA_PARAGRAPHS numbered paragraphs so that the text runs over several
// pages in every PDF (Paged.js 0.4.3 right to left used to stop after one).
const front = `---
title: המגדלור
author: נועה לוי
language: he
description: ביקורת קצרה על רומן דמיוני, שנכתבה עבור חבילת הבדיקות.
rights: נכתב עבור חבילת הבדיקות; חופשי לשימוש.
originalPublication: { venue: unknown, date: unknown }
editionDate: 2026-11-30
---
`;

export const RTL_SLUG = "ha-migdalor";

export const EXTRA_PARAGRAPHS = 24;

/** The words that open each numbered paragraph: "another paragraph". */
export const EXTRA_OPENING = "פסקה נוספת";

const extra = Array.from(
  { length: EXTRA_PARAGRAPHS },
  (_, i) =>
    `${EXTRA_OPENING} מספר ${i + 1}: השומרת עולה שוב במדרגות, סופרת אותן אחת אחת, ומביטה בים מן החלון הצר. האור אינו נדלק, אבל היא נשארת שם עד הבוקר, כי כך עשתה תמיד, וכך עשתה אמה לפניה.`,
).join("\n\n");

export const RTL_TITLE: Record<string, string> = {
  "index.md": `${front}
הרומן נפתח במגדלור שאיש אינו מדליק עוד. השומרת עולה אליו בכל ערב, "מתוך הרגל", כדבריה, והקורא מבין מהר שההרגל הוא כאן צורה של אבל. המחברת אינה מסבירה דבר: היא מעדיפה את המדרגות על פני הרעיונות.

השומרת חוזרת ואומרת: "הכול משתנה, חוץ מהים." המשפט חוזר בכל פרק, כמו פזמון שאיש אינו מעז עוד לשיר, ומשנה את משמעותו לאט. בתחילה הוא קינה; בסוף הספר הוא כמעט הבטחה.

בעמודים האחרונים הים לוקח את המגדלור, והמגדלור מאלף לבסוף את הים. האם זה מוגזם? אולי; אבל הרומן עומד מאחורי הבחירה הזאת, והעדינות של הפרקים האחרונים נותנת לו את הצדק.

${extra}
`,
  "sources.yaml": `- id: migdalor
  type: book
  title: המגדלור
  author: [{ family: לוי, given: נועה }]
  issued: { date-parts: [[2024]] }
`,
  "quotations.yaml": `- id: q-yam
  anchor: { exact: "הכול משתנה, חוץ מהים." }
  speaker: השומרת
  source: migdalor
  attribution: null
  note: המשפט חוזר, מילה במילה, בכל פרק.
`,
  "textual-notes.yaml": `- id: t-pizmon
  anchor: { exact: "כמו פזמון שאיש אינו מעז עוד לשיר" }
  note: כך במהדורה הראשונה.
`,
};
