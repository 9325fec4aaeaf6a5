// The disclosure's variant classes (term-variant): each paragraph's classes are read once, with offsets
// relative to the paragraph, and merged into one index per matter that an edit updates in place. An edit
// takes out the segments of the paragraphs it replaced and puts in those of the new ones; the paragraphs
// after it only move (their slot's offset changes, nothing is copied). Offsets are resolved when a use is
// read. The index answers in the order a whole-disclosure pass gives (forms and classes by first use:
// part, phrase forms before loose forms, paragraph, order in the paragraph), so findings are the same.
import { comparePlacements, type DisclosurePart, type ParagraphIndex } from '../disclosure';

export interface FormUse {
  uri: string;
  start: number;
  end: number;
  inClaims: boolean;
  plural: boolean;
  /** Known to be used as a noun (before punctuation, a numeral, a function word or a verb), not as
   *  a modifier of a word the chunker left out. */
  head?: boolean;
  /** Read outside the determiner-led phrases (`addLooseForms`). */
  loose?: boolean;
}

/** key → written form → uses. */
export type ClassMap = Map<string, Map<string, FormUse[]>>;

/** One paragraph's classes of one kind (0: the phrases' forms, 1: the loose forms), offsets relative to it. */
export type ReadClasses = (para: ParagraphIndex, kind: 0 | 1) => ClassMap;

/** A paragraph's uses of one form, with the ranks of its class and its form in the paragraph's map. */
interface FormEntry {
  key: string;
  form: string;
  uses: FormUse[];
  keyRank: number;
  formRank: number;
}

/** Each paragraph's forms of each kind, flattened from the maps `read` gives (the maps are not kept), read once per
 *  paragraph index: the index is rebuilt from them without reading the paragraph again. */
const entryMemo = new WeakMap<ParagraphIndex, [FormEntry[] | undefined, FormEntry[] | undefined]>();

function entriesOf(read: ReadClasses, para: ParagraphIndex, kind: 0 | 1): FormEntry[] {
  let m = entryMemo.get(para);
  if (!m) entryMemo.set(para, (m = [undefined, undefined]));
  let v = m[kind];
  if (v) return v;
  v = [];
  let keyRank = 0;
  for (const [key, forms] of read(para, kind)) {
    let formRank = 0;
    for (const [form, uses] of forms) v.push({ key, form, uses, keyRank, formRank: formRank++ });
    keyRank++;
  }
  return (m[kind] = v);
}

/** Where a placed paragraph stands; shared by its segments and moved in place. */
interface Slot {
  uri: string;
  offset: number;
  part: number;
  para: ParagraphIndex;
}

/** One paragraph's uses of one form (relative offsets), with the ranks a whole pass would meet them in. */
interface Segment {
  slot: Slot;
  /** 0: phrase forms, 1: loose forms (a part's phrase forms all come first). */
  kind: 0 | 1;
  uses: FormUse[];
  /** The class's and the form's order in the paragraph's map. */
  keyRank: number;
  formRank: number;
}

function before(a: Segment, b: Segment): boolean {
  return (a.slot.part - b.slot.part || a.kind - b.kind || a.slot.offset - b.slot.offset) < 0;
}

/** Order of first use: -1, 0 or 1 (`rank` the in-paragraph rank to break a tie). */
function compareFirst(a: Segment, b: Segment, rank: 'keyRank' | 'formRank'): number {
  return a.slot.part - b.slot.part || a.kind - b.kind || a.slot.offset - b.slot.offset || a[rank] - b[rank];
}

/** One written form's uses in the disclosure. */
export class DisclosureForm {
  readonly segs: Segment[] = [];
  count = 0;
  nonHead = 0;
  nonLoose = 0;
  /** Its first use (in list order), resolved. */
  first(): FormUse {
    const s = this.segs[0];
    return resolve(s.uses[0], s.slot);
  }
  firstStart(): number {
    return this.segs[0].uses[0].start + this.segs[0].slot.offset;
  }
  /** Every use, resolved, in list order. */
  all(): FormUse[] {
    const out: FormUse[] = new Array(this.count);
    let k = 0;
    for (const s of this.segs) for (const u of s.uses) out[k++] = resolve(u, s.slot);
    return out;
  }
  /** The uses' (uri, end), in list order, without resolving them; stop when `f` returns true. */
  someEnd(f: (uri: string, end: number) => boolean): boolean {
    for (const s of this.segs) for (const u of s.uses) if (f(s.slot.uri, u.end + s.slot.offset)) return true;
    return false;
  }
}

function resolve(u: FormUse, slot: Slot): FormUse {
  return { ...u, uri: slot.uri, start: u.start + slot.offset, end: u.end + slot.offset };
}

/** One variant class of the disclosure. */
export class DisclosureClass {
  readonly forms = new Map<string, DisclosureForm>();
  constructor(readonly key: string) {}
  /** The forms in order of first use. */
  ordered(): [string, DisclosureForm][] {
    const list = [...this.forms];
    if (list.length > 1) list.sort((a, b) => compareFirst(a[1].segs[0], b[1].segs[0], 'formRank'));
    return list;
  }
  /** The class's first use, for ordering classes as a whole pass meets them. */
  firstSegment(): Segment {
    let best: Segment | undefined;
    for (const f of this.forms.values()) if (!best || compareFirst(f.segs[0], best, 'keyRank') < 0) best = f.segs[0];
    return best!;
  }
}

/** Classes in the order a whole pass over the disclosure first meets them. */
export function byFirstUse(a: DisclosureClass, b: DisclosureClass): number {
  return compareFirst(a.firstSegment(), b.firstSegment(), 'keyRank');
}

/** Above this many paragraphs replaced (and a quarter of a part), the index is built again whole. */
const REBUILD_AT = 64;

export class DisclosureClassIndex {
  readonly classes = new Map<string, DisclosureClass>();
  /** The classes with two forms or more. */
  readonly multi = new Set<DisclosureClass>();
  private parts: { uri: string; start: number; slots: Slot[] }[] = [];
  private last?: DisclosurePart[];
  constructor(private readonly read: ReadClasses) {}

  /** Brings the index to `parts` (the same part objects as last time: nothing to do). */
  update(parts: readonly DisclosurePart[]): void {
    const last = this.last;
    if (last && last.length === parts.length && last.every((p, i) => p === parts[i])) return;
    this.last = [...parts];
    if (!last || parts.length !== this.parts.length || parts.some((p, i) => p.uri !== this.parts[i].uri || p.start !== this.parts[i].start)) {
      this.rebuild(parts);
      return;
    }
    // Per part: the paragraphs kept in front, those kept behind (moved by one delta), the ones between replaced.
    const plans: { i: number; a: number; removed: Slot[]; added: Slot[]; kept: Slot[]; delta: number }[] = [];
    for (let i = 0; i < parts.length; i++) {
      const old = this.parts[i].slots;
      const now = parts[i].paragraphs;
      const { front: a, back: b, delta } = comparePlacements(old, now);
      if (a === old.length && a === now.length) continue;
      const removed = old.slice(a, old.length - b);
      if (removed.length + (now.length - a - b) > REBUILD_AT && removed.length + (now.length - a - b) > old.length / 4) {
        this.rebuild(parts);
        return;
      }
      const added = now.slice(a, now.length - b).map((p) => ({ uri: parts[i].uri, offset: p.offset, part: i, para: p.para }));
      plans.push({ i, a, removed, added, kept: old.slice(old.length - b), delta });
    }
    // Out first (every slot still at its old offset), then the kept ones moved, then the new ones in.
    for (const p of plans) for (const s of p.removed) this.segments(s, (seg, key, form) => this.remove(seg, key, form));
    for (const p of plans) for (const s of p.kept) s.offset += p.delta;
    for (const p of plans) {
      for (const s of p.added) this.segments(s, (seg, key, form) => this.insert(seg, key, form));
      const slots = this.parts[p.i].slots;
      this.parts[p.i].slots = [...slots.slice(0, p.a), ...p.added, ...p.kept];
    }
  }

  private rebuild(parts: readonly DisclosurePart[]): void {
    this.classes.clear();
    this.multi.clear();
    this.parts = parts.map((part, i) => ({ uri: part.uri, start: part.start, slots: part.paragraphs.map((p) => ({ uri: part.uri, offset: p.offset, part: i, para: p.para })) }));
    // In list order: a part's phrase forms paragraph by paragraph, then its loose forms.
    for (const part of this.parts) {
      for (const kind of [0, 1] as const) for (const s of part.slots) this.segments(s, (seg, key, form) => this.insert(seg, key, form), kind);
    }
  }

  /** Each segment of a placed paragraph (of one kind, or both). */
  private segments(slot: Slot, f: (seg: Segment, key: string, form: string) => void, only?: 0 | 1): void {
    for (const kind of [0, 1] as const) {
      if (only !== undefined && kind !== only) continue;
      for (const e of entriesOf(this.read, slot.para, kind)) f({ slot, kind, uses: e.uses, keyRank: e.keyRank, formRank: e.formRank }, e.key, e.form);
    }
  }

  private insert(seg: Segment, key: string, form: string): void {
    let c = this.classes.get(key);
    if (!c) this.classes.set(key, (c = new DisclosureClass(key)));
    let f = c.forms.get(form);
    if (!f) {
      c.forms.set(form, (f = new DisclosureForm()));
      if (c.forms.size === 2) this.multi.add(c);
    }
    const segs = f.segs;
    if (segs.length === 0 || before(segs[segs.length - 1], seg)) segs.push(seg);
    else segs.splice(this.find(segs, seg), 0, seg);
    f.count += seg.uses.length;
    for (const u of seg.uses) {
      if (!u.head) f.nonHead++;
      if (!u.loose) f.nonLoose++;
    }
  }

  private remove(seg: Segment, key: string, form: string): void {
    const c = this.classes.get(key);
    const f = c?.forms.get(form);
    if (!c || !f) return;
    const at = this.find(f.segs, seg);
    const found = f.segs[at];
    if (!found || found.slot !== seg.slot || found.kind !== seg.kind) return;
    f.segs.splice(at, 1);
    f.count -= seg.uses.length;
    for (const u of seg.uses) {
      if (!u.head) f.nonHead--;
      if (!u.loose) f.nonLoose--;
    }
    if (f.segs.length) return;
    c.forms.delete(form);
    if (c.forms.size === 1) this.multi.delete(c);
    if (c.forms.size === 0) this.classes.delete(key);
  }

  /** The first index whose segment does not come before `seg`. */
  private find(segs: Segment[], seg: Segment): number {
    let lo = 0;
    let hi = segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(segs[mid], seg)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
