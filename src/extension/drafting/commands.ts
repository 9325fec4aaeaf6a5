// The drafting commands' work (its own bundle, dist/drafting.js, loaded on first use by lazy.ts:
// it carries the core's claim-reference and word rules): Generate Abstract (streamed into a preview
// beside the document, Accept writes it as one edit), Suggest Dependent Claims (streamed candidates
// in a pick list, inserted and numbered by the server's patentDraft/insertClaims as one edit), Draft
// Claim from Selection, and Show Prompt (what would be sent: patentDraft/drafting/prompt). The
// drafting itself runs in the language server (engine.ts); nothing is analysed here.
import * as vscode from 'vscode';
import { renumberReference, rewriteClaimReference, stripClaimNumber } from '../../core/index';
import { claimsInOutput, type DraftChunk, type DraftSource, type DraftTask } from '../../drafting/index';
import type { PatentClient } from '../client';
import { applyServerEdit } from '../commands';
import { guardAsync, log } from '../log';
import type { ServerMatters } from '../serverMatters';
import {
  ABSTRACT,
  CLAIM_TREE,
  DRAFTING_PROMPT,
  INSERT_CLAIMS,
  type AbstractResult,
  type ClaimAtResult,
  type ClaimTreeItem,
  type ClaimTreeResult,
  type DraftPromptParams,
  type DraftPromptResult,
  type EditResult,
  type InsertClaimsParams,
} from '../../lsp/protocol';
import { abstractStatus, normalizeAbstract, planAbstract } from './abstract';
import { readDraftingConfig } from './config';
import type { DraftingEngine } from './engine';
import { claimAtPosition, claimTextStart } from './inline';
import type { PreviewDocuments } from './previews';

export { adoptLog } from '../log';

/** The documents of a matter read for an abstract's placement, at most. */
const MAX_DOCUMENTS = 64;

/** What a drafting command needs: the client, the matters, the engine and the preview documents. */
export interface DraftingDeps {
  client: PatentClient;
  matters: ServerMatters;
  engine: DraftingEngine;
  previews: PreviewDocuments;
}

interface Target {
  /** A document of the matter (the active editor's when it is in one). */
  uri: string;
  root: string;
  matter: string;
  editor?: vscode.TextEditor;
}

function activeTarget(matters: ServerMatters): Target | undefined {
  const editor = vscode.window.activeTextEditor;
  const m = editor ? matters.matterOf(editor.document.uri) : undefined;
  if (editor && m) return { uri: editor.document.uri.toString(), root: m.root, matter: m.matter, editor };
  const active = matters.active();
  return active ? { uri: matters.documentOf(active).uri, root: active.root, matter: active.matter } : undefined;
}

function noMatter(): void {
  void vscode.window.showInformationMessage('Patent Draft: open a document of a matter first (a folder with claims.md, or a document with a "## Claims" section).');
}

/** The claim under the cursor of a claims document (the server's patentDraft/claimAt). */
async function claimAtCursor(client: PatentClient, t: Target): Promise<ClaimAtResult | undefined> {
  if (!t.editor) return undefined;
  const c = await claimAtPosition(client, t.editor.document, t.editor.selection.active);
  return c && !c.canceled && c.uri === t.editor.document.uri.toString() ? c : undefined;
}

async function documentOf(uri: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
}

/** Every claim number of the matter, in tree order, and the largest. */
async function claimNumbers(client: PatentClient, uri: string): Promise<{ all: number[]; last: number; claimsUri?: string }> {
  const tree = await client.request<ClaimTreeResult | null>(CLAIM_TREE, { textDocument: { uri } }, null);
  const all = new Set<number>();
  const walk = (items: ClaimTreeItem[], depth: number) => {
    if (depth > 64) return;
    for (const i of items.slice(0, 2000)) {
      all.add(i.claim);
      walk(i.children, depth + 1);
    }
  };
  walk(tree?.roots ?? [], 0);
  const list = [...all].sort((a, b) => a - b);
  return { all: list, last: list.length ? list[list.length - 1]! : 0, claimsUri: tree?.claimsUri };
}

async function withStream(
  deps: DraftingDeps,
  t: Target,
  task: DraftTask,
  onChunk: (c: DraftChunk, text: string) => void,
  signal: AbortSignal,
): Promise<{ text: string; complete: boolean } | undefined> {
  let text = '';
  let complete = false;
  const started = Date.now();
  try {
    for await (const c of deps.engine.generate(t.uri, task, { signal, interactive: true })) {
      text += c.text;
      if (c.done) complete = true;
      onChunk(c, text);
    }
  } catch (err) {
    if (signal.aborted || (err as { kind?: string }).kind === 'cancelled') return { text, complete: false };
    await deps.engine.reportFailure(err, true);
    return undefined;
  }
  log().info(`drafting ${task.kind} for ${t.matter}: ${text.length} characters in ${Date.now() - started} ms (${deps.engine.backendId})`);
  return { text, complete };
}

/** Inserts claim texts after claim `after` through the server (numbered, the claims after it renumbered), one undo step. */
async function insertClaims(client: PatentClient, uri: string, after: number, claims: string[]): Promise<boolean> {
  const params: InsertClaimsParams = { textDocument: { uri }, after, claims };
  const r = await client.requestOrThrow<EditResult | null>(INSERT_CLAIMS, params);
  return applyServerEdit(r, 'inserting the claims');
}

/** Puts the cursor on claim `n` of the claims document (after an insertion). */
async function revealClaim(uri: string, n: number): Promise<void> {
  const doc = await documentOf(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const m = new RegExp(`^[ \\t>]*${n}[.)][ \\t]*`, 'm').exec(doc.getText());
  if (!m) return;
  const at = doc.positionAt(m.index + m[0].length);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

// ---------------------------------------------------------------------------------------------
// Generate Abstract

function nonce(): string {
  let s = '';
  for (let i = 0; i < 24; i++) s += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.charAt(Math.floor(Math.random() * 62));
  return s;
}

function abstractHtml(webview: vscode.Webview): string {
  const n = nonce();
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'unsafe-inline'; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0"><title>Abstract</title>
<style>
body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);padding:0 1em;line-height:1.5}
#text{white-space:pre-wrap;font-family:var(--vscode-editor-font-family);border:1px solid var(--vscode-panel-border);padding:.75em;min-height:6em}
#status{margin:.5em 0;color:var(--vscode-descriptionForeground)} #status.over{color:var(--vscode-errorForeground);font-weight:bold}
button{background:var(--vscode-button-background);color:var(--vscode-button-foreground);border:0;padding:.4em 1em;margin-right:.5em;cursor:pointer}
button.secondary{background:var(--vscode-button-secondaryBackground);color:var(--vscode-button-secondaryForeground)}
button:disabled{opacity:.5;cursor:default}
</style></head><body>
<h2>Abstract</h2>
<div id="state" role="status" aria-live="polite">Generating…</div>
<div id="text" aria-label="Generated abstract"></div>
<div id="status"></div>
<button id="accept" disabled>Accept</button><button id="again" class="secondary" disabled>Generate Again</button><button id="discard" class="secondary">Discard</button>
<script nonce="${n}">
const vscode = acquireVsCodeApi();
const $ = (id) => document.getElementById(id);
window.addEventListener('message', (e) => {
  const m = e.data;
  $('text').textContent = m.text;
  $('status').textContent = m.words;
  $('status').className = m.over ? 'over' : '';
  $('state').textContent = m.state;
  $('accept').disabled = !m.canAccept;
  $('again').disabled = !m.finished;
});
$('accept').addEventListener('click', () => vscode.postMessage({ type: 'accept' }));
$('again').addEventListener('click', () => vscode.postMessage({ type: 'again' }));
$('discard').addEventListener('click', () => vscode.postMessage({ type: 'discard' }));
</script></body></html>`;
}

export async function generateAbstract(deps: DraftingDeps): Promise<void> {
  const t = activeTarget(deps.matters);
  if (!t) return noMatter();
  const where = await deps.client.request<AbstractResult | null>(ABSTRACT, { textDocument: { uri: t.uri } }, null);
  if (!where) return noMatter();
  if (!where.claims) {
    void vscode.window.showInformationMessage('Patent Draft: the matter has no claims to draft an abstract from.');
    return;
  }
  const panel = vscode.window.createWebviewPanel(
    'patentDraft.abstractPreview',
    'Patent Draft: Abstract',
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
    { enableScripts: true, retainContextWhenHidden: true },
  );
  panel.webview.html = abstractHtml(panel.webview);
  let controller = new AbortController();
  let text = '';
  let finished = false;
  const post = (state: string) => {
    const st = abstractStatus(text);
    void panel.webview.postMessage({ text, words: st.label, over: st.over, state, canAccept: finished && text.trim() !== '', finished });
  };
  const run = async () => {
    controller = new AbortController();
    text = '';
    finished = false;
    post('Generating…');
    const result = await withStream(
      deps,
      t,
      { kind: 'abstract' },
      (_c, all) => {
        text = all;
        post('Generating…');
      },
      controller.signal,
    );
    finished = true;
    if (!result) post('Drafting failed; see the message. Generate Again to retry.');
    else post(result.complete ? "Done. Accept writes it into the matter's abstract (one undoable edit)." : 'Stopped before the end: the text is incomplete.');
  };
  panel.onDidDispose(() => controller.abort());
  panel.webview.onDidReceiveMessage((m: { type?: string }) =>
    guardAsync('abstract preview', undefined, async () => {
      if (m.type === 'discard') panel.dispose();
      else if (m.type === 'again') await run();
      else if (m.type === 'accept') {
        if (await acceptAbstract(deps, t, text)) panel.dispose();
      }
    }),
  );
  await run();
}

/** A hand-written abstract is replaced only when the drafter, shown the difference, says so. */
async function confirmReplace(current: string, generated: string, previews: PreviewDocuments): Promise<boolean> {
  const mine = normalizeAbstract(current);
  const theirs = normalizeAbstract(generated);
  if (!mine || mine === theirs) return true;
  const left = previews.add('abstract (yours).md', mine + '\n');
  const right = previews.add('abstract (generated).md', theirs + '\n');
  await vscode.commands.executeCommand('vscode.diff', left, right, 'Abstract: yours ↔ generated', { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  const go = await vscode.window.showWarningMessage(
    `Replace the matter's abstract (${abstractStatus(mine).words} words) with the generated one (${abstractStatus(theirs).words} words)? The difference is shown beside.`,
    { modal: true },
    'Replace',
  );
  return go === 'Replace';
}

async function acceptAbstract(deps: DraftingDeps, t: Target, text: string): Promise<boolean> {
  const where = await deps.client.request<AbstractResult | null>(ABSTRACT, { textDocument: { uri: t.uri } }, null);
  if (!where) return false;
  const st = abstractStatus(text);
  if (st.over) {
    const go = await vscode.window.showWarningMessage(
      `The abstract has ${st.words} words, over the 150-word limit of 37 CFR 1.72(b). Insert it anyway and shorten it there?`,
      { modal: true },
      'Insert',
    );
    if (go !== 'Insert') return false;
  }
  const docs = await Promise.all(where.documents.slice(0, MAX_DOCUMENTS).map(async (d) => ({ d, doc: await documentOf(d.uri) })));
  const byUri = new Map(docs.map((x) => [x.d.uri, x.doc]));
  const a = where.abstract;
  const abstractDoc = a ? (byUri.get(a.uri) ?? (await documentOf(a.uri))) : undefined;
  const abs =
    a && abstractDoc
      ? {
          uri: a.uri,
          start: abstractDoc.offsetAt(new vscode.Position(a.range.start.line, a.range.start.character)),
          end: abstractDoc.offsetAt(new vscode.Position(a.range.end.line, a.range.end.character)),
        }
      : undefined;
  const plan = planAbstract({ abstract: abs, documents: docs.map(({ d, doc }) => ({ uri: d.uri, role: d.role, text: doc.getText() })), root: where.root }, text);
  const edit = new vscode.WorkspaceEdit();
  let target: vscode.Uri;
  if (plan.kind === 'create') {
    target = vscode.Uri.parse(plan.uri, true);
    edit.createFile(target, { ignoreIfExists: false });
    edit.insert(target, new vscode.Position(0, 0), plan.newText);
  } else {
    const doc = byUri.get(plan.uri) ?? (await documentOf(plan.uri));
    target = doc.uri;
    if (plan.kind === 'replace' && !(await confirmReplace(doc.getText().slice(plan.start, plan.end), text, deps.previews))) return false;
    const [start, end] = plan.kind === 'replace' ? [plan.start, plan.end] : [plan.at, plan.at];
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(start), doc.positionAt(end)), plan.newText);
  }
  const ok = await vscode.workspace.applyEdit(edit, { isRefactoring: false });
  if (!ok) {
    void vscode.window.showErrorMessage('Patent Draft: the abstract could not be written (the document changed, or the file already exists). Generate it again.');
    return false;
  }
  log().info(`abstract accepted for ${t.matter}: ${st.words} words (${plan.kind})`);
  await vscode.window.showTextDocument(target, { preview: false });
  return true;
}

// ---------------------------------------------------------------------------------------------
// Suggest Dependent Claims

interface Candidate extends vscode.QuickPickItem {
  number: number;
  body: string;
}

function sourceDetail(sources: DraftSource[]): string {
  if (!sources.length) return 'From the claim itself';
  const s = sources[0]!;
  const name = s.uri.slice(s.uri.lastIndexOf('/') + 1);
  return `${name}:${s.range.start.line + 1} — ${s.excerpt}`;
}

/** Points references between generated claims at the claims' new numbers; a reference to a claim
 *  not chosen goes to `parent`. */
function retarget(body: string, generated: Set<number>, newNumbers: Map<number, number>, parent: number): string {
  const map = (n: number) => (generated.has(n) ? (newNumbers.get(n) ?? parent) : undefined);
  return rewriteClaimReference(
    body,
    (r) => r.start <= 120,
    (r) => renumberReference(r.text, map),
  );
}

export async function suggestDependentClaims(deps: DraftingDeps): Promise<void> {
  const t = activeTarget(deps.matters);
  if (!t) return noMatter();
  const claim = await claimAtCursor(deps.client, t);
  if (!claim) {
    void vscode.window.showInformationMessage('Patent Draft: put the cursor in a claim of the claims document, then run Suggest Dependent Claims.');
    return;
  }
  const qp = vscode.window.createQuickPick<Candidate>();
  qp.title = `Dependent claims for claim ${claim.claim}`;
  qp.placeholder = 'Generating… pick the claims to insert (Space to select, Enter to insert)';
  qp.canSelectMany = true;
  qp.matchOnDetail = true;
  qp.busy = true;
  qp.ignoreFocusOut = true;
  const controller = new AbortController();
  const sourcesByClaim = new Map<number, DraftSource[]>();
  const findingsByClaim = new Map<number, string[]>();
  let latest = '';
  const refresh = (done: boolean) => {
    const gen = claimsInOutput(latest);
    // A claim is complete when the next has started, or when the stream ended.
    const complete = done ? gen : gen.slice(0, -1);
    const selected = new Set(qp.selectedItems.map((i) => i.number));
    const items = complete.map<Candidate>((g) => {
      const body = stripClaimNumber(g.text).replace(/\s+/g, ' ');
      const codes = findingsByClaim.get(g.number) ?? [];
      const description = `new claim ${g.number}${codes.length ? ` · check: ${[...new Set(codes)].join(', ')}` : ''}`;
      return { number: g.number, body: stripClaimNumber(g.text), label: body.length > 110 ? body.slice(0, 109) + '…' : body, description, detail: sourceDetail(sourcesByClaim.get(g.number) ?? []) };
    });
    if (items.length !== qp.items.length || done) {
      qp.items = items;
      qp.selectedItems = items.filter((i) => selected.has(i.number));
    }
  };
  const chosen = new Promise<readonly Candidate[] | undefined>((resolve) => {
    qp.onDidAccept(() => {
      resolve(qp.selectedItems.length ? qp.selectedItems : qp.activeItems.slice(0, 1));
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      controller.abort();
      qp.dispose();
    });
  });
  qp.show();
  void withStream(
    deps,
    t,
    { kind: 'dependent', claim: claim.claim },
    (c, all) => {
      // The chunk's sources belong to the generated claim its first words are in.
      const at = latest.length + (c.text.length - c.text.trimStart().length);
      latest = all;
      const gen = claimsInOutput(latest);
      const current = [...gen].reverse().find((g) => g.start <= at) ?? gen[0];
      if (c.source?.length && current) sourcesByClaim.set(current.number, [...(sourcesByClaim.get(current.number) ?? []), ...c.source]);
      for (const f of c.findings ?? []) {
        const n = f.claim ?? [...gen].reverse().find((g) => g.start <= f.start)?.number;
        if (n !== undefined) findingsByClaim.set(n, [...(findingsByClaim.get(n) ?? []), f.code]);
      }
      refresh(false);
    },
    controller.signal,
  ).then((r) => {
    qp.busy = false;
    if (!r) {
      qp.hide();
      return;
    }
    refresh(true);
    qp.placeholder = qp.items.length ? 'Pick the claims to insert (Space to select, Enter to insert)' : 'No dependent claims found for this claim in the disclosure';
  });
  const picks = await chosen;
  if (!picks?.length) return;
  await insertDependents(deps, t, claim, picks);
}

async function insertDependents(deps: DraftingDeps, t: Target, parent: ClaimAtResult, picks: readonly Candidate[]): Promise<void> {
  const numbers = await claimNumbers(deps.client, t.uri);
  if (!numbers.all.includes(parent.claim)) {
    void vscode.window.showErrorMessage(`Patent Draft: claim ${parent.claim} is no longer in the claims; nothing was inserted.`);
    return;
  }
  // After the last claim of the parent's family (the parent and every claim depending on it).
  const family = Math.max(parent.claim, ...parent.descendants.filter((n) => numbers.all.includes(n)));
  const following = numbers.all.filter((n) => n > family).length;
  let after = numbers.last;
  if (following > 0) {
    const insertHere = `Insert After Claim ${family} and Renumber`;
    const atEnd = 'Add at the End';
    const picked = await vscode.window.showInformationMessage(
      `Insert ${picks.length} claim${picks.length === 1 ? '' : 's'} after claim ${family} (the last claim depending on claim ${parent.claim})? The ${following} claim${following === 1 ? '' : 's'} after it would be renumbered, with every reference to them.`,
      { modal: true },
      insertHere,
      atEnd,
    );
    if (!picked) return;
    if (picked === insertHere) after = family;
  }
  const generated = new Set(picks.map((p) => p.number));
  const newNumbers = new Map(picks.map((p, j) => [p.number, after + 1 + j] as const));
  const bodies = picks.map((p) => retarget(p.body, generated, newNumbers, parent.claim));
  if (!(await insertClaims(deps.client, parent.uri, after, bodies))) return;
  log().info(`dependent claims inserted for ${t.matter}: ${bodies.length} new after claim ${after}`);
  await revealClaim(parent.uri, after + 1);
}

// ---------------------------------------------------------------------------------------------
// Draft Claim from Selection

export async function draftClaimFromSelection(deps: DraftingDeps): Promise<void> {
  const t = activeTarget(deps.matters);
  if (!t?.editor) return noMatter();
  const sel = t.editor.selection;
  const passage = t.editor.document.getText(sel).trim();
  if (!passage) {
    void vscode.window.showInformationMessage('Patent Draft: select a passage of the disclosure first; it becomes the draft of a new claim.');
    return;
  }
  const doc = t.editor.document;
  const s = doc.offsetAt(sel.start);
  const e = doc.offsetAt(sel.end);
  const source: DraftSource = {
    uri: doc.uri.toString(),
    range: { start: { line: sel.start.line, character: sel.start.character, offset: s }, end: { line: sel.end.line, character: sel.end.character, offset: e } },
    excerpt: passage.replace(/\s+/g, ' ').slice(0, 80),
  };
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Patent Draft: drafting a claim from the selection…', cancellable: true },
    (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return withStream(deps, t, { kind: 'claim', passage, passageSource: source }, () => progress.report({}), controller.signal);
    },
  );
  if (!result || !result.text.trim()) return;
  const generated = claimsInOutput(result.text);
  const body = generated.length ? stripClaimNumber(generated[0]!.text) : stripClaimNumber(result.text);
  const numbers = await claimNumbers(deps.client, t.uri);
  if (!numbers.claimsUri) {
    void vscode.window.showInformationMessage('Patent Draft: the matter has no claims document to add the claim to.');
    return;
  }
  const n = numbers.last + 1;
  const insert = 'Insert';
  const picked = await vscode.window.showInformationMessage(
    `Add this draft as claim ${n} at the end of the claims?`,
    { modal: true, detail: `${n}. ${body}${result.complete ? '' : '\n\n(The drafting stopped early: the text is incomplete.)'}` },
    insert,
  );
  if (picked !== insert) return;
  if (!(await insertClaims(deps.client, numbers.claimsUri, numbers.last, [body]))) return;
  log().info(`claim drafted from a selection for ${t.matter}: claim ${n}`);
  await revealClaim(numbers.claimsUri, n);
}

// ---------------------------------------------------------------------------------------------
// Show Prompt

export async function showPrompt(deps: DraftingDeps): Promise<void> {
  const t = activeTarget(deps.matters);
  if (!t) return noMatter();
  const claim = await claimAtCursor(deps.client, t);
  const selection = t.editor && !t.editor.selection.isEmpty ? t.editor.document.getText(t.editor.selection).trim() : '';
  const options: (vscode.QuickPickItem & { task: DraftTask })[] = [];
  if (claim && t.editor) {
    const doc = t.editor.document;
    const cursor = doc.offsetAt(t.editor.selection.active);
    const end = doc.offsetAt(new vscode.Position(claim.range.end.line, claim.range.end.character));
    const partial = doc.getText().slice(claimTextStart(doc, claim), cursor);
    options.push({
      label: `Continue claim ${claim.claim}`,
      description: 'inline suggestion at the cursor',
      task: { kind: 'continue', claim: claim.claim, ...(partial && cursor <= end ? { text: partial } : {}) },
    });
    options.push({ label: `Dependent claims for claim ${claim.claim}`, task: { kind: 'dependent', claim: claim.claim } });
  }
  const numbers = await claimNumbers(deps.client, t.uri);
  if (numbers.all.length) options.push({ label: 'Abstract', task: { kind: 'abstract' } });
  if (selection) options.push({ label: 'Claim from the selection', task: { kind: 'claim', passage: selection } });
  if (!options.length) {
    void vscode.window.showInformationMessage('Patent Draft: there is nothing to draft here yet: the matter has no claims and nothing is selected.');
    return;
  }
  const picked = options.length === 1 ? options[0] : await vscode.window.showQuickPick(options, { title: 'Show the prompt for…' });
  if (!picked) return;
  const params: DraftPromptParams = { textDocument: { uri: t.uri }, task: picked.task };
  let text: string;
  try {
    const r = await deps.client.requestOrThrow<DraftPromptResult | null>(DRAFTING_PROMPT, params);
    if (!r) return noMatter();
    text = r.prompt;
  } catch (err) {
    void vscode.window.showErrorMessage(`Patent Draft: no prompt for this task: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  await deps.previews.open(`prompt-${picked.task.kind}.md`, text);
  log().info(`prompt shown for ${t.matter}: ${picked.task.kind}, ${text.length} characters`);
  if (readDraftingConfig(vscode.Uri.parse(t.root, true)).backend === 'builtin') {
    void vscode.window.showInformationMessage('Patent Draft drafts with the built-in engine, which sends nothing: this is the prompt the Triton backend would send.');
  }
}
