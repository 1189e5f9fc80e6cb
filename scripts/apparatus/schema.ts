// Schemas of a title's files, checked when they are loaded. Each field says
// what it is; messages say what to write. See content/README.md for examples.
import { z } from "zod";
import { CITATION_STYLE_NAMES, DEFAULT_CITATION_STYLE } from "./csl/index.ts";
import { KNOWN_FIELDS } from "./csl/fields.ts";

const nonEmpty = (what: string) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, `${what} must not be empty`);

/** `unknown`, or a value: what the text does not give is never guessed. */
const knowable = <T extends z.ZodType>(value: T) => z.union([z.literal("unknown").transform(() => ({ unknown: true as const })), value]);

/**
 * Why `YYYY`, `YYYY-MM` or `YYYY-MM-DD` is not a day of the calendar (month
 * 13, February 30), or null: the pattern alone let 2026-02-30 through, to be
 * printed as March 2 or refused later by EPUBCheck.
 */
export function impossibleDate(value: string): string | null {
  const [year, month, day] = value.split("-").map(Number) as [number, number?, number?];
  if (month === undefined) return null;
  if (month < 1 || month > 12) return `${value} has no month ${month} (months are 01 to 12)`;
  if (day === undefined) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const name = new Date(Date.UTC(2000, month - 1, 1)).toLocaleString("en", { month: "long", timeZone: "UTC" });
  if (day < 1 || day > days) return `${value} is not a day of the calendar: ${name} ${year} has ${days} days`;
  return null;
}

const realDate = <T extends z.ZodString>(pattern: T) =>
  pattern.superRefine((value, context) => {
    const wrong = impossibleDate(value);
    if (wrong) context.addIssue({ code: "custom", message: wrong });
  });

const isoDate = realDate(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "write the date as YYYY-MM-DD, e.g. 2026-11-25"));

export const languageTag = z.string().refine(
  (tag) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (!canonical) return false;
      const language = canonical.split("-")[0] ?? "";
      // DisplayNames returns the code itself for a language it does not know.
      return new Intl.DisplayNames(["en"], { type: "language", fallback: "code" }).of(language) !== language;
    } catch {
      return false;
    }
  },
  { message: "must be a known BCP 47 language tag such as en, en-US, fr or de-CH" },
);

/** What a title is: it decides the title page's wording and the JSON-LD type (content/README.md, "Kinds"). */
export const TITLE_KINDS = ["review", "essay", "article", "chapter", "book"] as const;
export type TitleKind = (typeof TITLE_KINDS)[number];

export const frontMatterSchema = z
  .strictObject({
    title: nonEmpty("title"),
    titleSupplied: z.boolean().default(false),
    subtitle: z.string().optional(),
    author: nonEmpty("author"),
    language: languageTag,
    description: nonEmpty("description"),
    keywords: z.array(nonEmpty("a keyword")).default([]),
    rights: nonEmpty("rights"),
    originalPublication: z.strictObject({
      venue: knowable(nonEmpty("venue")),
      date: knowable(realDate(z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "write the date as YYYY, YYYY-MM or YYYY-MM-DD"))),
    }),
    /** review, essay, article, chapter or book; a review when a subject is given, else an essay. */
    kind: z.enum(TITLE_KINDS, { error: `kind must be one of: ${TITLE_KINDS.join(", ")}` }).optional(),
    /** The work the piece is about (the film reviewed); optional: an essay may be about no one work. */
    subject: z
      .strictObject({
        source: nonEmpty("subject.source (a key of sources.yaml)"),
        kind: z.enum(["film", "book", "play", "other"]),
        title: nonEmpty("subject.title"),
        year: z.number().int(),
        director: z.string().optional(),
        screenwriter: z.string().optional(),
        basedOn: z
          .strictObject({
            title: nonEmpty("basedOn.title"),
            author: nonEmpty("basedOn.author"),
            year: z.number().int(),
            kind: nonEmpty("basedOn.kind"),
            source: nonEmpty("basedOn.source (a key of sources.yaml)"),
          })
          .optional(),
      })
      .optional(),
    editionDate: isoDate,
    /** Chapter files, after index.md's own text, in reading order: Markdown files relative to the title's folder (scripts/apparatus/chapters.ts). */
    chapters: z
      .array(nonEmpty("a chapter file (a path such as chapters/01-one.md)"), {
        error: "chapters must be a list of files, e.g. [preface.md, chapters/01-one.md]",
      })
      .optional(),
    /** The citation style of the bibliography and citations (scripts/apparatus/csl/). */
    citationStyle: z
      .enum(CITATION_STYLE_NAMES, { error: `citationStyle must be one of: ${CITATION_STYLE_NAMES.join(", ")}` })
      .default(DEFAULT_CITATION_STYLE),
  })
  .transform((meta) => ({ ...meta, kind: meta.kind ?? (meta.subject ? "review" : "essay") }) as typeof meta & { kind: TitleKind });
export type FrontMatter = z.infer<typeof frontMatterSchema>;

const id = z
  .string({ error: "id must be text" })
  .regex(/^[a-z0-9][a-z0-9-]*$/, "an id is lower-case letters, digits and hyphens, e.g. q-garland");

export const selectorSchema = z.strictObject({
  exact: nonEmpty("anchor.exact (the exact words annotated)"),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});

const CSL_TYPES = [
  "article",
  "article-journal",
  "article-magazine",
  "article-newspaper",
  "book",
  "chapter",
  "entry-encyclopedia",
  "interview",
  "motion_picture",
  "broadcast",
  "post-weblog",
  "post",
  "review",
  "review-book",
  "report",
  "song",
  "speech",
  "thesis",
  "webpage",
  "manuscript",
  "musical_score",
  "performance",
  "personal_communication",
] as const;

export const sourceSchema = z.looseObject({
  id,
  type: z.enum(CSL_TYPES, { error: `type must be a CSL item type: ${CSL_TYPES.join(", ")}` }),
  title: nonEmpty("title"),
  unknown: z.array(z.enum(KNOWN_FIELDS, { error: `unknown lists CSL fields, one of: ${KNOWN_FIELDS.join(", ")}` })).default([]),
  note: z.string().optional(),
  URL: z.string().url("URL must be a full address").optional(),
});

export const quotationSchema = z.strictObject({
  id,
  anchor: selectorSchema,
  speaker: nonEmpty("speaker").nullable(),
  source: id.nullable(),
  attribution: z.string().nullable().default(null),
  repeats: id.optional(),
  note: nonEmpty("note"),
});

export const comparisonSchema = z.strictObject({
  id,
  heading: nonEmpty("heading"),
  anchor: selectorSchema,
  works: z.array(id).min(1, "name at least one work (a key of sources.yaml)"),
  note: nonEmpty("note"),
});

export const changeSchema = z.discriminatedUnion(
  "op",
  [
    z.strictObject({ op: z.literal("regularize"), from: z.string().min(1), to: z.string() }),
    z.strictObject({ op: z.literal("delete"), copyText: selectorSchema }),
    z.strictObject({ op: z.literal("insert"), after: selectorSchema, text: z.string().min(1) }),
  ],
  { error: "change.op must be regularize, delete or insert" },
);

export const textualNoteSchema = z.strictObject({
  id,
  anchor: selectorSchema.optional(),
  change: changeSchema.optional(),
  note: nonEmpty("note"),
});

export const APPARATUS_FILES = {
  sources: { file: "sources.yaml", item: sourceSchema },
  quotations: { file: "quotations.yaml", item: quotationSchema },
  comparisons: { file: "comparisons.yaml", item: comparisonSchema },
  textualNotes: { file: "textual-notes.yaml", item: textualNoteSchema },
} as const;
