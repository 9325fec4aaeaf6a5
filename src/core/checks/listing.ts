// listing-form: in amendment mode, the form of a claim listing (37 CFR 1.121(c); MPEP 714): every
// claim with a status identifier and only those that exist, no text on a canceled or not entered
// claim, marks in a currently amended claim and in no other, double brackets for five or fewer
// characters, every mark closed. A claims document with no status identifier at all is not a
// listing yet and gets no finding here (claim-numbering still reads its numbers).
import { cleanListingText, MAX_BRACKETED, parseMarks, STATUS_LABEL } from '../amendment';
import type { Check } from './context';

const KNOWN = Object.values(STATUS_LABEL)
  .map((s) => `(${s})`)
  .join(', ');
/** A parenthesis where a status identifier goes: "(Amended)", "(Cancelled without prejudice)". */
const STATUS_LIKE = /^\(\s*([A-Za-z][A-Za-z ,\-–—]{0,40})\)/;
const RULE = '37 CFR 1.121(c)';

export const listingForm: Check = (ctx, report) => {
  if (ctx.settings.mode !== 'amendment') return;
  if (!ctx.claims.some((c) => c.status)) return;
  for (const c of ctx.claims) {
    const s = c.textRange.start.offset;
    const n0 = c.numberRange.start.offset;
    const n1 = c.numberRange.end.offset;
    const body = c.text;
    const claim = c.number;
    const at = (start: number, end: number, message: string, severity?: 'warning') => report('listing-form', { message, uri: c.uri, start, end, claim, confidence: 'high', severity });
    if (!c.status) {
      const like = STATUS_LIKE.exec(body.trimStart());
      const lead = s + body.length - body.trimStart().length;
      if (like) at(lead, lead + like[0].length, `Claim ${claim}: "${like[0]}" is not a status identifier; use one of ${KNOWN} (${RULE}).`);
      else at(n0, n1, `Claim ${claim} has no status identifier; every claim in a listing has one of ${KNOWN} (${RULE}).`);
    }
    const parsed = parseMarks(body);
    const amended = c.status === 'currently amended' || c.status === 'withdrawn - currently amended';
    if (c.status === 'canceled' || c.status === 'not entered') {
      if (cleanListingText(body).trim() !== '' || parsed.spans.some((x) => x.kind !== '<u>')) {
        at(s, c.textRange.end.offset, `Claim ${claim} is ${c.status === 'canceled' ? 'canceled' : 'not entered'} but has text; list it with its number and status identifier only (${RULE}(4)).`);
      }
      continue;
    }
    if (amended && parsed.spans.length === 0) {
      at(
        n0,
        n1,
        `Claim ${claim} is "(${STATUS_LABEL[c.status!]})" but shows no change; underline what is added (<u>…</u>) and strike through what is deleted (~~…~~ or [[…]]), or give it its earlier status (${RULE}(2)).`,
      );
    }
    if (c.status && !amended && parsed.spans.length > 0) {
      const first = parsed.spans[0];
      const how = c.status === 'new' ? 'a new claim is presented without underlining' : 'others are presented in clean text';
      at(s + first.start, s + first.end, `Claim ${claim} is "(${STATUS_LABEL[c.status]})" but has marked changes; only a currently amended claim shows changes, ${how} (${RULE}(2), (c)(3)).`);
    }
    for (const sp of parsed.spans) {
      if (sp.kind === '[[' && [...sp.inner].length > MAX_BRACKETED) {
        at(s + sp.start, s + sp.end, `Claim ${claim}: double brackets show a deletion of at most ${MAX_BRACKETED} characters; strike longer deletions through (~~…~~) (${RULE}(2)).`);
      }
      if (sp.inner.trim() === '') at(s + sp.start, s + sp.end, `Claim ${claim} has an empty mark ${sp.kind}; remove it.`, 'warning');
    }
    for (const u of parsed.unclosed) at(s + u.start, s + u.start + u.kind.length, `Claim ${claim}: "${u.kind}" is not closed; the change it marks cannot be read.`);
  }
};
