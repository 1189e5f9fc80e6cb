// Inline language spans: `[Graecia capta]{lang=la}` marks words in another
// language, for hyphenation (scripts/pdf/hyphenate.ts follows `lang`), fonts
// and screen readers. Only `lang` and `dir` are accepted between the braces:
// the syntax is not a way to add markup. The tag is checked at loading
// (scripts/apparatus/text_checks.ts), where the file and line are known.
import type MarkdownIt from "markdown-it";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";

export const LANG_SPAN = "lang_span";

export interface SpanAttributes {
  lang: string;
  dir?: string;
  /** What is wrong with the braces, reported at loading with the file and line. */
  error?: string;
}

/**
 * `{lang=la}`, `{lang="grc" dir=rtl}`: the attributes. Braces that name no
 * `lang` are not a span (null, left as text); braces with `lang` and anything
 * wrong are a span with an `error`, so that a typo is never printed silently.
 */
export function parseSpanAttributes(source: string): SpanAttributes | null {
  if (!/(^|\s)lang\s*=/.test(source)) return null;
  const wrong = (error: string): SpanAttributes => ({ lang: "", error });
  const attributes = new Map<string, string>();
  const pattern = /\s*([a-z]+)=(?:"([^"]*)"|'([^']*)'|([^\s"'}]+))\s*/y;
  let position = 0;
  while (position < source.length) {
    pattern.lastIndex = position;
    const match = pattern.exec(source);
    if (!match) return wrong(`cannot read {${source}}: write {lang=la} or {lang=he dir=rtl}`);
    attributes.set(match[1] ?? "", match[2] ?? match[3] ?? match[4] ?? "");
    position = pattern.lastIndex;
  }
  const lang = attributes.get("lang");
  const dir = attributes.get("dir");
  const others = [...attributes.keys()].filter((name) => name !== "lang" && name !== "dir");
  if (lang === undefined || others.length > 0) return wrong(`a language span takes only lang and dir, not ${others.join(", ")}`);
  if (dir !== undefined && !["ltr", "rtl", "auto"].includes(dir)) return wrong(`dir must be ltr, rtl or auto, not "${dir}"`);
  return dir === undefined ? { lang } : { lang, dir };
}

function langSpan(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */) return false;
  const labelEnd = state.md.helpers.parseLinkLabel(state, state.pos, true);
  if (labelEnd < 0 || state.src.charCodeAt(labelEnd + 1) !== 0x7b /* { */) return false;
  const close = state.src.indexOf("}", labelEnd + 2);
  if (close < 0 || close > state.posMax) return false;
  const attributes = parseSpanAttributes(state.src.slice(labelEnd + 2, close));
  if (!attributes) return false;
  if (!silent) {
    const max = state.posMax;
    const open = state.push(`${LANG_SPAN}_open`, "span", 1);
    open.meta = attributes;
    state.pos = state.pos + 1;
    state.posMax = labelEnd;
    state.md.inline.tokenize(state);
    state.push(`${LANG_SPAN}_close`, "span", -1);
    state.posMax = max;
  }
  state.pos = close + 1;
  return true;
}

export interface LangSpanEnv {
  /** The EPUB is XHTML: its spans carry `xml:lang` too (EPUB 3 content documents). */
  xhtml?: boolean;
}

export function langSpanPlugin(md: MarkdownIt): void {
  md.inline.ruler.before("link", LANG_SPAN, langSpan);
  md.renderer.rules[`${LANG_SPAN}_open`] = (tokens, index, _options, env: LangSpanEnv) => {
    const { lang, dir } = (tokens[index]?.meta ?? {}) as SpanAttributes;
    const escaped = md.utils.escapeHtml(lang);
    return `<span lang="${escaped}"${env.xhtml ? ` xml:lang="${escaped}"` : ""}${dir ? ` dir="${dir}"` : ""}>`;
  };
  md.renderer.rules[`${LANG_SPAN}_close`] = () => "</span>";
}
