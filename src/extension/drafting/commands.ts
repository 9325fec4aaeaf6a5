// The drafting commands: Generate Abstract (streamed into a preview beside the document, Accept
// writes it as one edit), Suggest Dependent Claims (streamed candidates in a pick list, inserted
// and numbered as one edit), Draft Claim from Selection, and Show Prompt (what would be sent).
import * as vscode from 'vscode';
import { renumberReference, rewriteClaimReference, type Analysis, type Claim } from '../../core/index';
import { buildPrompt, claimsInOutput, DraftError, type DraftChunk, type DraftSource, type DraftTask } from '../../drafting/index';
import { guardAsync, log } from '../log';
import type { MatterManager, MatterState } from '../matters';
import { abstractStatus, normalizeAbstract, planAbstract } from './abstract';
import { insertionIndex, planAppend, planInsert, stripNumber, type OffsetEdit } from './claimEdits';
import { readDraftingConfig } from './config';
import type { DraftingEngine } from './engine';
import { PREVIEW_SCHEME } from './ids';

/** Read-only documents (Show Prompt): their text by uri. */
class PreviewDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private seq = 0;
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** A read-only document holding `text`, by a uri of its own. */
  add(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${++this.seq}/${name}` });
    this.texts.set(uri.toString(), text);
    // Keep a few: the user may reopen a recent one from the tabs.
    while (this.texts.size > 10) this.texts.delete(this.texts.keys().next().value!);
    return uri;
  }

  open(name: string, text: string): Thenable<vscode.TextEditor> {
    const uri = this.add(name, text);
    return vscode.workspace.openTextDocument(uri).then((d) => vscode.window.showTextDocument(d, { viewColumn: vscode.ViewColumn.Beside, preview: true }));
  }

  dispose(): void {
    this.emitter.dispose();
    this.texts.clear();
  }
}

interface Target {
  matter: MatterState;
  analysis: Analysis;
  editor?: vscode.TextEditor;
}

function activeTarget(manager: MatterManager): Target | undefined {
  const editor = vscode.window.activeTextEditor;
  const found = editor ? manager.analysisFor(editor.document.uri) : undefined;
  if (found) return { ...found, editor };
  const m = manager.active();
  const analysis = m ? manager.analyzeNow(m) : undefined;
  return m && analysis ? { matter: m, analysis } : undefined;
}

function noMatter(): void {
  void vscode.window.showInformationMessage('Patent Draft: open a document of a matter first (a folder with claims.md, or a document with a "## Claims" section).');
}

/** The claim under the cursor of a claims document. */
function claimAtCursor(t: Target): Claim | undefined {
  if (!t.editor) return undefined;
  const uri = t.editor.document.uri.toString();
  const offset = t.editor.document.offsetAt(t.editor.selection.active);
  const inDoc = t.analysis.claims.filter((c) => c.uri === uri && !c.canceled);
  return inDoc.find((c) => c.range.start.offset <= offset && offset <= c.range.end.offset) ?? [...inDoc].reverse().find((c) => c.range.start.offset <= offset);
}

async function documentOf(uri: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
}

function offsetEdit(edit: vscode.WorkspaceEdit, doc: vscode.TextDocument, e: OffsetEdit): void {
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
}

async function withStream(engine: DraftingEngine, t: Target, task: DraftTask, onChunk: (c: DraftChunk, text: string) => void, signal: AbortSignal): Promise<{ text: string; complete: boolean } | undefined> {
  const backend = await engine.backend(t.matter.root, true);
  if (!backend) return undefined;
  const ctx = await engine.draftContext(t.matter, t.analysis);
  let text = '';
  let complete = false;
  const started = Date.now();
  try {
    for await (const c of backend.generate(task, ctx, { signal })) {
      text += c.text;
      if (c.done) complete = true;
      onChunk(c, text);
    }
  } catch (err) {
    if (signal.aborted || (err instanceof DraftError && err.code === 'cancelled')) return { text, complete: false };
    await engine.reportFailure(err, true);
    return undefined;
  }
  log().info(`drafting ${task.kind} for ${t.matter.logId}: ${text.length} characters in ${Date.now() - started} ms (${backend.id})`);
  return { text, complete };
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

async function generateAbstract(manager: MatterManager, engine: DraftingEngine, previews: PreviewDocuments): Promise<void> {
  const t = activeTarget(manager);
  if (!t) return noMatter();
  if (!t.analysis.claims.length) {
    void vscode.window.showInformationMessage('Patent Draft: the matter has no claims to draft an abstract from.');
    return;
  }
  const panel = vscode.window.createWebviewPanel('patentDraft.abstractPreview', 'Patent Draft: Abstract', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, retainContextWhenHidden: true });
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
    const result = await withStream(engine, { ...t, analysis: manager.analyzeNow(t.matter) ?? t.analysis }, { kind: 'abstract' }, (_c, all) => {
      text = all;
      post('Generating…');
    }, controller.signal);
    finished = true;
    if (!result) post('Drafting failed; see the message. Generate Again to retry.');
    else post(result.complete ? 'Done. Accept writes it into the matter\'s abstract (one undoable edit).' : 'Stopped before the end: the text is incomplete.');
  };
  panel.onDidDispose(() => controller.abort());
  panel.webview.onDidReceiveMessage((m: { type?: string }) =>
    guardAsync('abstract preview', undefined, async () => {
      if (m.type === 'discard') panel.dispose();
      else if (m.type === 'again') await run();
      else if (m.type === 'accept') {
        if (await acceptAbstract(manager, t.matter, text, previews)) panel.dispose();
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

async function acceptAbstract(manager: MatterManager, matter: MatterState, text: string, previews: PreviewDocuments): Promise<boolean> {
  const analysis = manager.analyzeNow(matter);
  if (!analysis) return false;
  const st = abstractStatus(text);
  if (st.over) {
    const go = await vscode.window.showWarningMessage(`The abstract has ${st.words} words, over the 150-word limit of 37 CFR 1.72(b). Insert it anyway and shorten it there?`, { modal: true }, 'Insert');
    if (go !== 'Insert') return false;
  }
  const abs = analysis.abstract;
  const plan = planAbstract({ abstract: abs ? { uri: abs.uri, start: abs.range.start.offset, end: abs.range.end.offset } : undefined, documents: analysis.matter.documents.map((d) => ({ uri: d.uri, role: d.role ?? '', text: d.text })), root: matter.root.toString() }, text);
  const edit = new vscode.WorkspaceEdit();
  let target: vscode.Uri;
  if (plan.kind === 'create') {
    target = vscode.Uri.parse(plan.uri, true);
    edit.createFile(target, { ignoreIfExists: false });
    edit.insert(target, new vscode.Position(0, 0), plan.newText);
  } else {
    const doc = await documentOf(plan.uri);
    target = doc.uri;
    if (plan.kind === 'replace' && !(await confirmReplace(doc.getText().slice(plan.start, plan.end), text, previews))) return false;
    if (plan.kind === 'replace') offsetEdit(edit, doc, { start: plan.start, end: plan.end, newText: plan.newText });
    else offsetEdit(edit, doc, { start: plan.at, end: plan.at, newText: plan.newText });
  }
  const ok = await vscode.workspace.applyEdit(edit, { isRefactoring: false });
  if (!ok) {
    void vscode.window.showErrorMessage('Patent Draft: the abstract could not be written (the document changed, or the file already exists). Generate it again.');
    return false;
  }
  log().info(`abstract accepted for ${matter.logId}: ${st.words} words (${plan.kind})`);
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
  const map = (n: number) => (generated.has(n) ? newNumbers.get(n) ?? parent : undefined);
  return rewriteClaimReference(body, (r) => r.start <= 120, (r) => renumberReference(r.text, map));
}

async function suggestDependentClaims(manager: MatterManager, engine: DraftingEngine): Promise<void> {
  const t = activeTarget(manager);
  if (!t) return noMatter();
  const claim = claimAtCursor(t);
  if (!claim) {
    void vscode.window.showInformationMessage('Patent Draft: put the cursor in a claim of the claims document, then run Suggest Dependent Claims.');
    return;
  }
  const qp = vscode.window.createQuickPick<Candidate>();
  qp.title = `Dependent claims for claim ${claim.number}`;
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
      const body = stripNumber(g.text).replace(/\s+/g, ' ');
      const codes = findingsByClaim.get(g.number) ?? [];
      const description = `new claim ${g.number}${codes.length ? ` · check: ${[...new Set(codes)].join(', ')}` : ''}`;
      return { number: g.number, body: stripNumber(g.text), label: body.length > 110 ? body.slice(0, 109) + '…' : body, description, detail: sourceDetail(sourcesByClaim.get(g.number) ?? []) };
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
  void withStream(engine, t, { kind: 'dependent', claim: claim.number }, (c, all) => {
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
  }, controller.signal).then((r) => {
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
  await insertDependents(manager, t.matter, claim.number, picks);
}

async function insertDependents(manager: MatterManager, matter: MatterState, parent: number, picks: readonly Candidate[]): Promise<void> {
  const analysis = manager.analyzeNow(matter);
  const claimsUri = analysis?.claimsUri;
  if (!analysis || !claimsUri) return;
  const doc = await documentOf(claimsUri);
  const claims = analysis.claims.filter((c) => c.uri === claimsUri);
  const idx = insertionIndex(claims, parent);
  if (idx < 0) {
    void vscode.window.showErrorMessage(`Patent Draft: claim ${parent} is no longer in the claims; nothing was inserted.`);
    return;
  }
  const following = claims.length - 1 - idx;
  let renumber = false;
  if (following > 0) {
    const insertHere = `Insert After Claim ${claims[idx]!.number} and Renumber`;
    const atEnd = 'Add at the End';
    const picked = await vscode.window.showInformationMessage(
      `Insert ${picks.length} claim${picks.length === 1 ? '' : 's'} after claim ${claims[idx]!.number} (the last claim depending on claim ${parent})? The ${following} claim${following === 1 ? '' : 's'} after it would be renumbered, with every reference to them.`,
      { modal: true },
      insertHere,
      atEnd,
    );
    if (!picked) return;
    renumber = picked === insertHere;
  }
  const generated = new Set(picks.map((p) => p.number));
  const plan0 = renumber ? planInsert(doc.getText(), claims, idx, picks.map((p) => p.body)) : planAppend(doc.getText(), claims, picks.map((p) => p.body));
  const newNumbers = new Map(picks.map((p, j) => [p.number, plan0.numbers[j]!] as const));
  const bodies = picks.map((p) => retarget(p.body, generated, newNumbers, parent));
  const plan = renumber ? planInsert(doc.getText(), claims, idx, bodies) : planAppend(doc.getText(), claims, bodies);
  const edit = new vscode.WorkspaceEdit();
  for (const e of plan.edits) offsetEdit(edit, doc, e);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('Patent Draft: the claims could not be inserted (the document changed meanwhile). Run the command again.');
    return;
  }
  log().info(`dependent claims inserted for ${matter.logId}: ${bodies.length} new, ${plan.renumbered} renumbered`);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const first = plan.edits.find((e) => e.newText.includes(`${plan.numbers[0]}`) && e.start === e.end);
  if (first) {
    const at = doc.positionAt(first.start + first.newText.search(/\S/));
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

// ---------------------------------------------------------------------------------------------
// Draft Claim from Selection

async function draftClaimFromSelection(manager: MatterManager, engine: DraftingEngine): Promise<void> {
  const t = activeTarget(manager);
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
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Patent Draft: drafting a claim from the selection…', cancellable: true }, (progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return withStream(engine, t, { kind: 'claim', passage, passageSource: source }, () => progress.report({}), controller.signal);
  });
  if (!result || !result.text.trim()) return;
  const generated = claimsInOutput(result.text);
  const body = generated.length ? stripNumber(generated[0]!.text) : stripNumber(result.text);
  const analysis = manager.analyzeNow(t.matter);
  const claimsUri = analysis?.claimsUri;
  if (!analysis || !claimsUri) {
    void vscode.window.showInformationMessage('Patent Draft: the matter has no claims document to add the claim to.');
    return;
  }
  const claimsDoc = await documentOf(claimsUri);
  const claims = analysis.claims.filter((c) => c.uri === claimsUri);
  const plan = planAppend(claimsDoc.getText(), claims, [body]);
  const insert = 'Insert';
  const picked = await vscode.window.showInformationMessage(`Add this draft as claim ${plan.numbers[0]} at the end of the claims?`, { modal: true, detail: `${plan.numbers[0]}. ${body}${result.complete ? '' : '\n\n(The drafting stopped early: the text is incomplete.)'}` }, insert);
  if (picked !== insert) return;
  const edit = new vscode.WorkspaceEdit();
  for (const x of plan.edits) offsetEdit(edit, claimsDoc, x);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('Patent Draft: the claim could not be added (the claims changed meanwhile). Run the command again.');
    return;
  }
  log().info(`claim drafted from a selection for ${t.matter.logId}: claim ${plan.numbers[0]}`);
  await vscode.window.showTextDocument(claimsDoc, { preview: false });
}

// ---------------------------------------------------------------------------------------------
// Show Prompt

async function showPrompt(manager: MatterManager, engine: DraftingEngine, previews: PreviewDocuments): Promise<void> {
  const t = activeTarget(manager);
  if (!t) return noMatter();
  const claim = claimAtCursor(t);
  const selection = t.editor && !t.editor.selection.isEmpty ? t.editor.document.getText(t.editor.selection).trim() : '';
  const options: (vscode.QuickPickItem & { task: DraftTask })[] = [];
  if (claim) {
    const partial = t.editor ? t.editor.document.getText().slice(claim.textRange.start.offset, t.editor.document.offsetAt(t.editor.selection.active)) : undefined;
    options.push({ label: `Continue claim ${claim.number}`, description: 'inline suggestion at the cursor', task: { kind: 'continue', claim: claim.number, ...(partial && t.editor!.document.offsetAt(t.editor!.selection.active) <= claim.range.end.offset ? { text: partial } : {}) } });
    options.push({ label: `Dependent claims for claim ${claim.number}`, task: { kind: 'dependent', claim: claim.number } });
  }
  if (t.analysis.claims.length) options.push({ label: 'Abstract', task: { kind: 'abstract' } });
  if (selection) options.push({ label: 'Claim from the selection', task: { kind: 'claim', passage: selection } });
  if (!options.length) {
    void vscode.window.showInformationMessage('Patent Draft: there is nothing to draft here yet: the matter has no claims and nothing is selected.');
    return;
  }
  const picked = options.length === 1 ? options[0] : await vscode.window.showQuickPick(options, { title: 'Show the prompt for…' });
  if (!picked) return;
  const ctx = await engine.draftContext(t.matter, t.analysis);
  let text: string;
  try {
    text = buildPrompt(picked.task, ctx).text;
  } catch (err) {
    void vscode.window.showErrorMessage(`Patent Draft: no prompt for this task: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  await previews.open(`prompt-${picked.task.kind}.md`, text);
  log().info(`prompt shown for ${t.matter.logId}: ${picked.task.kind}, ${text.length} characters`);
  if (readDraftingConfig(t.matter.root).backend === 'builtin') {
    void vscode.window.showInformationMessage('Patent Draft drafts with the built-in engine, which sends nothing: this is the prompt the Triton backend would send.');
  }
}

export function registerDraftingCommands(manager: MatterManager, engine: DraftingEngine): vscode.Disposable {
  const previews = new PreviewDocuments();
  const run = (name: string, body: () => Promise<void>) => () => guardAsync(name, undefined, body);
  return vscode.Disposable.from(
    previews,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.commands.registerCommand('patentDraft.generateAbstract', run('generate abstract', () => generateAbstract(manager, engine, previews))),
    vscode.commands.registerCommand('patentDraft.suggestDependentClaims', run('suggest dependent claims', () => suggestDependentClaims(manager, engine))),
    vscode.commands.registerCommand('patentDraft.draftClaimFromSelection', run('draft claim from selection', () => draftClaimFromSelection(manager, engine))),
    vscode.commands.registerCommand('patentDraft.showPrompt', run('show prompt', () => showPrompt(manager, engine, previews))),
    vscode.commands.registerCommand('patentDraft.testConnection', run('test connection', () => engine.testConnection())),
    vscode.commands.registerCommand('patentDraft.setTritonToken', run('set triton token', () => engine.setToken())),
  );
}
