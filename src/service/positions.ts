// Between the core's positions (line, UTF-16 character and absolute offset) and LSP's (line and
// UTF-16 character), always through the text of the document the analysis read.
import { LineIndex, type Analysis } from '../core/index';
import type { MatterDocument, Range as CoreRange } from '../core/index';
import type { Position, Range } from 'vscode-languageserver-types';

/** One line index per document text the service has been asked about (dropped with the document). */
const indexes = new WeakMap<MatterDocument, LineIndex>();

export function documentOf(analysis: Analysis, uri: string): MatterDocument | undefined {
  return analysis.matter.documents.find((d) => d.uri === uri);
}

export function lineIndexOf(doc: MatterDocument): LineIndex {
  let li = indexes.get(doc);
  if (!li) {
    li = new LineIndex(doc.text);
    indexes.set(doc, li);
  }
  return li;
}

/** The offset of an LSP position in a document of the analysis (clamped to the line), or undefined. */
export function offsetAt(analysis: Analysis, uri: string, pos: Position): number | undefined {
  const doc = documentOf(analysis, uri);
  if (!doc) return undefined;
  return lineIndexOf(doc).offset(pos.line, pos.character);
}

export function toRange(r: CoreRange): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

export function containsPosition(r: Range, p: Position): boolean {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(r.start, p) && before(p, r.end);
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return containsPosition(a, b.start) || containsPosition(b, a.start);
}
