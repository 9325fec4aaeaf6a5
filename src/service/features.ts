// Hover, code lens, rename, references, definition and document symbols over an analysis, in
// LSP's shapes. Every entry takes the analysis, a document uri and an LSP position; nothing here
// reads files or knows an editor.
import { claimNumberAt as claimReferenceOnLine, findClaimAt, findClaimReferenceAt, findTermAt, referencesOf, type Analysis } from '../core/index';
import type { Claim, Range as CoreRange, Term, TermMention, TextEdit as CoreEdit } from '../core/index';
import { SymbolKind, type CodeLens, type DocumentSymbol, type Hover, type Location, type LocationLink, type Position, type Range, type WorkspaceEdit } from 'vscode-languageserver-types';
import { toWorkspaceEdit } from './edits';
import { claimHover, claimLensTitle, termHover, type LinkFn } from './hoverContent';
import { documentOf, lineIndexOf, offsetAt, toRange } from './positions';
import { shorten } from './refs';
import { markdownHeadings } from './search';
import { renameTermEdits, termOccurrences } from './termOps';

/** A link that opens `uri` at the range's start (`#L<line>,<col>`, which VS Code and most clients follow). */
export const lineLink: LinkFn = (uri: string, r: CoreRange) => `${uri.replace(/#.*$/, '')}#L${r.start.line + 1},${r.start.character + 1}`;

/** The claim a position names: the claim's own number, or a "claim N" reference (`from`: the claim holding it). */
export function claimAt(analysis: Analysis, uri: string, pos: Position): { claim: number; range: Range; from?: number } | undefined {
  const doc = documentOf(analysis, uri);
  if (!doc) return undefined;
  const li = lineIndexOf(doc);
  const offset = li.offset(pos.line, pos.character);
  const claim = findClaimAt(analysis, uri, offset);
  if (claim && claim.numberRange.start.offset <= offset && offset <= claim.numberRange.end.offset) return { claim: claim.number, range: toRange(claim.numberRange) };
  const lineStart = li.lineStart(pos.line);
  const ref = claimReferenceOnLine(doc.text.slice(lineStart, li.lineEnd(pos.line)), offset - lineStart);
  if (ref) return { claim: ref.claim, range: { start: { line: pos.line, character: ref.start }, end: { line: pos.line, character: ref.end } }, from: claim?.number };
  // A reference the core reads that the line scan does not ("any one of the preceding claims").
  const core = findClaimReferenceAt(analysis, uri, offset);
  if (core && core.numbers.length) return { claim: core.numbers[0]!, range: toRange(li.range(core.start, core.end)), from: claim?.number };
  return undefined;
}

/** The claim term under a position. */
export function termAt(analysis: Analysis, uri: string, pos: Position): { term: Term; mention: TermMention } | undefined {
  const offset = offsetAt(analysis, uri, pos);
  return offset === undefined ? undefined : findTermAt(analysis, uri, offset);
}

/** Hover on a claim number, a claim reference ("claim 1") or a claim term, as Markdown. */
export function hover(analysis: Analysis, uri: string, pos: Position, link: LinkFn = lineLink): Hover | null {
  const ref = claimAt(analysis, uri, pos);
  if (ref) {
    const md = claimHover(analysis, ref.claim, link, ref.from);
    return md ? { contents: { kind: 'markdown', value: md }, range: ref.range } : null;
  }
  const t = termAt(analysis, uri, pos);
  if (!t) return null;
  return { contents: { kind: 'markdown', value: termHover(analysis, t.term, t.mention, link) }, range: toRange(t.mention.range) };
}

/** Command ids a host gives the lenses (the extension's reveal and claim-tree commands; none in other clients). */
export interface LensCommands {
  reveal?: string;
  showTree?: string;
}

/** A lens over each claim number: "independent · 3 dependents" or "depends on 1 ← 3". */
export function codeLenses(analysis: Analysis, uri: string, commands: LensCommands = {}): CodeLens[] {
  const byNumber = new Map<number, Claim>();
  for (const c of analysis.claims) if (!byNumber.has(c.number)) byNumber.set(c.number, c);
  return analysis.claims
    .filter((c) => c.uri === uri)
    .map((c) => {
      const title = claimLensTitle(analysis, c);
      const parent = c.parents.length ? byNumber.get(c.parents[0]!) : undefined;
      const lens: CodeLens = { range: toRange(c.numberRange), command: { title, command: '' } };
      if (parent && commands.reveal) lens.command = { title, command: commands.reveal, arguments: [parent.uri, parent.numberRange] };
      else if (!parent && commands.showTree) lens.command = { title, command: commands.showTree };
      return lens;
    });
}

/** Where a rename may start: a claim term (its phrase, without the article). */
export function prepareRename(analysis: Analysis, uri: string, pos: Position): { range: Range; placeholder: string } | null {
  const t = termAt(analysis, uri, pos);
  return t ? { range: toRange(t.mention.phraseRange), placeholder: t.mention.phrase } : null;
}

export const RENAME_HINT = 'Place the cursor on a claim term to rename it across the matter.';

/** The edits that rename the term under `pos` everywhere in the matter (claims and disclosure), articles kept right; `where` says which. */
export function renameEdits(analysis: Analysis, uri: string, pos: Position, newName: string): { edit: CoreEdit; where: 'claims' | 'disclosure' }[] | undefined {
  const t = termAt(analysis, uri, pos);
  if (!t || !newName.trim()) return undefined;
  const inClaim = (e: CoreEdit) => analysis.claims.some((c) => c.uri === e.uri && c.range.start.offset <= e.range.start.offset && e.range.end.offset <= c.range.end.offset);
  return renameTermEdits(analysis, t.term, newName).map((edit) => ({ edit, where: inClaim(edit) ? 'claims' : 'disclosure' }));
}

export function rename(analysis: Analysis, uri: string, pos: Position, newName: string): WorkspaceEdit | null {
  const edits = renameEdits(analysis, uri, pos, newName);
  return edits ? toWorkspaceEdit(edits.map((e) => e.edit)) : null;
}

/** A term's occurrences (claims and disclosure), or the references to a claim (and the claim itself with `includeDeclaration`). */
export function references(analysis: Analysis, uri: string, pos: Position, includeDeclaration: boolean): Location[] {
  const t = termAt(analysis, uri, pos);
  if (t) return termOccurrences(analysis, t.term).map((o) => ({ uri: o.uri, range: toRange(o.range) }));
  const ref = claimAt(analysis, uri, pos);
  if (!ref) return [];
  const out: Location[] = [];
  for (const c of analysis.claims) {
    if (includeDeclaration && c.number === ref.claim) out.push({ uri: c.uri, range: toRange(c.numberRange) });
    for (const r of referencesOf(c)) if (r.targets.includes(ref.claim)) out.push({ uri: c.uri, range: toRange(r.range) });
  }
  return out;
}

/** On "claim 3": claim 3. On a claim term: where it is introduced ("a lever" in its first claim). */
export function definition(analysis: Analysis, uri: string, pos: Position): LocationLink[] {
  const ref = claimAt(analysis, uri, pos);
  if (ref) {
    const target = analysis.claims.find((c) => c.number === ref.claim);
    return target ? [{ originSelectionRange: ref.range, targetUri: target.uri, targetRange: toRange(target.range), targetSelectionRange: toRange(target.numberRange) }] : [];
  }
  const t = termAt(analysis, uri, pos);
  if (!t) return [];
  return t.term.introducedIn.map((i) => ({ originSelectionRange: toRange(t.mention.phraseRange), targetUri: i.uri, targetRange: toRange(i.range), targetSelectionRange: toRange(i.range) }));
}

/** The outline: Markdown sections, and each claim inside the section that holds it. */
export function documentSymbols(analysis: Analysis | undefined, uri: string, text: string): DocumentSymbol[] {
  const headings = markdownHeadings(text);
  const lines = text.split('\n');
  const lineLength = (l: number) => (lines[l] ?? '').replace(/\r$/, '').length;
  const lastLine = lines.length - 1;
  const roots: DocumentSymbol[] = [];
  const stack: { level: number; sym: DocumentSymbol }[] = [];
  headings.forEach((h, i) => {
    // A section runs to the next heading of the same or a higher level.
    let j = i + 1;
    while (j < headings.length && headings[j]!.level > h.level) j++;
    const endLine = j < headings.length ? Math.max(h.line, headings[j]!.line - 1) : lastLine;
    const sym: DocumentSymbol = {
      name: h.text,
      kind: SymbolKind.String,
      range: { start: { line: h.line, character: 0 }, end: { line: endLine, character: lineLength(endLine) } },
      selectionRange: { start: { line: h.line, character: 0 }, end: { line: h.line, character: lineLength(h.line) } },
      children: [],
    };
    while (stack.length && stack[stack.length - 1]!.level >= h.level) stack.pop();
    (stack.length ? stack[stack.length - 1]!.sym.children! : roots).push(sym);
    stack.push({ level: h.level, sym });
  });
  if (!analysis) return roots;
  for (const c of analysis.claims) {
    if (c.uri !== uri) continue;
    const range = toRange(c.range);
    const detail = c.canceled ? 'canceled' : c.parents.length ? `depends on ${c.parents.join(', ')}` : 'independent';
    const sym: DocumentSymbol = {
      name: `${c.number}. ${shorten(c.preamble || c.text, 60)}`,
      detail,
      kind: c.parents.length ? SymbolKind.Field : SymbolKind.Class,
      range,
      selectionRange: toRange(c.numberRange),
    };
    const container = deepestSection(roots, range.start);
    (container ? container.children! : roots).push(sym);
  }
  return roots;
}

function deepestSection(list: DocumentSymbol[], pos: Position): DocumentSymbol | undefined {
  for (const s of list) {
    if (s.kind !== SymbolKind.String) continue;
    const inside =
      (s.range.start.line < pos.line || (s.range.start.line === pos.line && s.range.start.character <= pos.character)) &&
      (pos.line < s.range.end.line || (pos.line === s.range.end.line && pos.character <= s.range.end.character));
    if (!inside) continue;
    return deepestSection(s.children ?? [], pos) ?? s;
  }
  return undefined;
}
