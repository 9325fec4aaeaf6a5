// Natural segments of a claim as it streams in: ghost text shows one segment at a time (up to a
// semicolon, a colon, the end of the claim, or up to the next "wherein"), so the user accepts an
// element, not a whole claim. No `vscode` import.

/** Shortest text worth showing as a segment (skips a lone space or comma). */
const MIN_SEGMENT = 3;

/**
 * Where the segment that starts at `from` of `text` ends (an offset into `text`), or undefined if
 * the text so far has no boundary yet and the stream is still running. `complete` says the stream
 * finished: then the rest of the text is the last segment.
 */
export function segmentEnd(text: string, from: number, complete: boolean): number | undefined {
  const re = /[;:](?=\s|$)|\.(?=\s*$)|\.(?=\s*\n)|\n|(?=[ ,]+(?:and[ \t]+)?wherein\b)/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // A lookahead match is empty: advance past it to avoid an endless loop.
    const end = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex = m.index + 1;
    if (text.slice(from, end).trim().length < MIN_SEGMENT) continue;
    // A dependent claim's preamble alone ("The brake caliper of claim 1") says nothing the drafter can
    // judge: the first segment runs on to the end of the first added feature.
    if (m[0].length === 0 && isPreambleOnly(text.slice(from, end))) continue;
    // A "." only ends the claim when nothing but whitespace follows it in a complete stream,
    // or a line break follows it: "e.g." and decimals are not ends.
    if (m[0] === '.' && !complete && !/\n/.test(text.slice(end))) continue;
    // ";" or ":" at the very end of a running stream: the boundary is real (the lookahead saw the end).
    return end;
  }
  return complete ? text.length : undefined;
}

/** "The brake caliper of claim 1", "A method according to any one of claims 1 to 3": a preamble that
 *  refers to another claim and adds nothing yet. */
const PREAMBLE_ONLY =
  /^\s*(?:\d{1,3}\s*[.)]\s*)?(?:the|an?)\s[^,;:]{0,200}?\b(?:of|in|according to|as claimed in|as recited in|as defined in)\s+(?:any(?:\s+one)?\s+of\s+)?claims?\s+\d[\d\s,–-]*(?:(?:or|and|to|through)\s+\d+)?[\s,]*$/i;

function isPreambleOnly(piece: string): boolean {
  return piece.length <= 300 && PREAMBLE_ONLY.test(piece);
}

/** The segment of `text` that starts at `from`, or undefined while it is not complete yet. */
export function nextSegment(text: string, from: number, complete: boolean): string | undefined {
  const end = segmentEnd(text, from, complete);
  if (end === undefined || end <= from) return complete && from < text.length ? text.slice(from) : undefined;
  return text.slice(from, end);
}

/** Where an inline claim suggestion makes sense: the text of the line before the cursor. */
export type InlineTrigger = 'new-claim' | 'wherein' | 'element-end' | undefined;

/** Whether the text after the cursor on its line still lets ghost text show: nothing, or only the
 *  claim's closing punctuation (", wherein|." typed before the period). */
export function restAllowsSuggestion(lineAfter: string): boolean {
  return /^[ \t]*[.;,]?[ \t]*$/.test(lineAfter);
}

export function inlineTrigger(lineBefore: string): InlineTrigger {
  if (/^\s*\d{1,3}\s*[.)]\s*$/.test(lineBefore)) return 'new-claim';
  if (/\bwherein\s*$/i.test(lineBefore)) return 'wherein';
  if (/[;:,]\s*$/.test(lineBefore) || /\b(?:comprising|including|consisting of|and)\s*$/i.test(lineBefore)) return 'element-end';
  if (/^\s*$/.test(lineBefore)) return 'element-end';
  return undefined;
}

/**
 * The first text of a continuation, fitted to the claim as typed: a model (or the built-in
 * engine) may repeat the last words ("…, wherein" + ", wherein the lever…"), or start with a space
 * where the user already typed one, or need one where the user did not.
 */
export function fitContinuation(partial: string, text: string): string {
  let out = text;
  const typed = partial.replace(/\s+$/, '');
  // Drop a repeated ending: the longest start of the text (past commas and spaces) that the typed text ends with.
  const lead = /^[,\s]*/.exec(out)![0].length;
  for (let k = Math.min(out.length, lead + 60); k >= lead + 4; k--) {
    const piece = out.slice(lead, k);
    if (/\w$/.test(piece) && !/\w/.test(out.charAt(k)) && typed.toLowerCase().endsWith(piece.toLowerCase())) {
      out = out.slice(k);
      break;
    }
  }
  if (partial === '' || /\s$/.test(partial)) return out.replace(/^\s+/, '');
  if (/^[A-Za-z0-9(]/.test(out)) return ' ' + out;
  return out;
}
