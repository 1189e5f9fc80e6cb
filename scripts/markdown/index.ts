// The one markdown-it instance of the pipeline. Every title's text and every
// note is parsed here; custom syntax is a plugin per file beside this one.
import MarkdownIt from "markdown-it";
import { apparatusRefPlugin } from "./apparatus_ref.ts";
import { authorNotePlugin } from "./author_note.ts";
import { blockRolesPlugin } from "./block_roles.ts";
import { continuationPlugin } from "./continuation.ts";
import { figurePlugin } from "./figure.ts";
import { footnotesPlugin } from "./footnotes.ts";
import { gapPlugin } from "./gap.ts";
import { headingsPlugin } from "./headings.ts";
import { langSpanPlugin } from "./lang_span.ts";
import { nestingPlugin } from "./nesting.ts";
import { paragraphNumbersPlugin } from "./paragraph_numbers.ts";
import { typographyPlugin } from "./typography.ts";
import { versePlugin } from "./verse.ts";

export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({
    // Raw HTML is parsed so that loading can reject it with a clear error
    // (scripts/apparatus/load.ts): content never injects markup or scripts.
    html: true,
    linkify: false,
    // Real quotes and dashes for editors who type straight ones; the quotes
    // are the language's (typography.ts, from the parse's env).
    typographer: true,
    quotes: "“”‘’",
  });
  // markdown-it silently prints a link or image it distrusts (javascript:,
  // file:) as plain text. We accept every URL here and let loading refuse the
  // bad ones with an error naming the file and line (checkResource in
  // scripts/apparatus/load.ts), which every piece of content passes through.
  md.validateLink = () => true;
  // markdown-it would also re-encode a malformed percent-escape (`a%E0%A4%A.png`
  // becomes `a%E0%A4%25A.png`), so that the error could not quote what the
  // editor typed: such a path is kept as written, and loading refuses it.
  const normalizeLink = md.normalizeLink.bind(md);
  md.normalizeLink = (url: string) => {
    try {
      decodeURIComponent(url);
    } catch {
      return url;
    }
    return normalizeLink(url);
  };
  md.use(nestingPlugin)
    .use(gapPlugin)
    .use(authorNotePlugin)
    .use(figurePlugin)
    // Verse, continuations and block roles before the numbering: they decide which paragraphs take no ¶ number.
    .use(versePlugin)
    .use(continuationPlugin)
    .use(blockRolesPlugin)
    .use(footnotesPlugin)
    .use(headingsPlugin)
    .use(paragraphNumbersPlugin)
    .use(apparatusRefPlugin)
    .use(typographyPlugin)
    .use(langSpanPlugin);
  return md;
}

export const markdown = createMarkdown();
