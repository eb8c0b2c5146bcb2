// A document's title as people see it: any Unicode, 1-200 characters (what a reader counts as
// one character: "👍🏽" or "é" written with a combining accent is one), one line. The server
// decides (DocumentState.TitleProblem); this is the same rule, so that the page can say what is
// wrong before anything is sent.

export const MAX_TITLE_LENGTH = 200;

export const UNTITLED = 'Untitled document';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Why this title cannot be kept (null: it can), in the server's words. */
export function titleProblem(title: string): string | null {
  const trimmed = title.trim();
  if (trimmed === '') return 'title: must not be empty';
  // Control characters: C0, DEL and C1, as .NET's char.IsControl counts them.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(trimmed)) return 'title: must be one line, without control characters';
  if (LONE_SURROGATE.test(trimmed)) return 'title: is not valid Unicode text';
  const length = Array.from(segmenter.segment(trimmed)).length;
  return length > MAX_TITLE_LENGTH ? `title: at most ${MAX_TITLE_LENGTH} characters, got ${length}` : null;
}

/** What the header, the tab and the lists show. */
export const displayTitle = (title: string | null | undefined): string =>
  title === null || title === undefined || title === '' ? UNTITLED : title;
