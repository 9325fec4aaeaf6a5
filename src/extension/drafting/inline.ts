// Inline claim suggestions (ghost text) in claims documents. One request shows one natural segment
// of the claim (up to ";", ":", the claim's end, or before "wherein") as soon as it has arrived;
// the model's stream keeps running into a cache, and the next request — after an accept, or while
// the user types along the suggestion — is served from it. A stream the text left is stopped.
import * as vscode from 'vscode';
import type { Claim } from '../../core/index';
import { DraftError } from '../../drafting/index';
import { log, guardAsync } from '../log';
import type { MatterManager } from '../matters';
import { readDraftingConfig } from './config';
import type { DraftingEngine } from './engine';
import { DRAFTING_COMMANDS } from './ids';
import { fitContinuation, inlineTrigger, restAllowsSuggestion } from './segments';
import { StreamCache, type SuggestionStream } from './streamCache';

/** Pause after a keystroke before a new stream starts (a stream already matching is served at once). */
const DEBOUNCE_MS = 275;
/** At most one ghost-text refresh this often while streaming (the optional refresh mode). */
const REFRESH_MS = 200;

const sleep = (ms: number, token: vscode.CancellationToken) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    const sub = token.onCancellationRequested(done);
    function done() {
      clearTimeout(t);
      sub.dispose();
      resolve();
    }
  });

function claimAt(claims: Claim[], uri: string, offset: number, text: string): Claim | undefined {
  return claims.find((c) => {
    if (c.uri !== uri || c.canceled || offset < c.textRange.start.offset) return false;
    // The claim's end, or whitespace after it up to the cursor.
    return offset <= c.range.end.offset || /^[ \t]*\n?[ \t]*$/.test(text.slice(c.range.end.offset, offset));
  });
}

/** The independent claim at the root of claim n's first-parent chain (n itself if independent). */
function rootOf(claims: Claim[], n: number): number | undefined {
  const byNumber = new Map(claims.map((c) => [c.number, c]));
  let cur = byNumber.get(n);
  const seen = new Set<number>();
  while (cur && cur.parents.length && !seen.has(cur.number)) {
    seen.add(cur.number);
    cur = byNumber.get(cur.parents[0]);
  }
  return cur && !cur.canceled ? cur.number : undefined;
}

export class ClaimInlineProvider implements vscode.InlineCompletionItemProvider, vscode.Disposable {
  readonly cache = new StreamCache(6);
  private readonly disposables: vscode.Disposable[] = [];
  private lastRefresh = 0;
  /** When an accept (or a refresh) asked for the ghost text again: served from the cache only. */
  afterAccept = 0;
  private refreshTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly manager: MatterManager,
    private readonly engine: DraftingEngine,
  ) {
    this.disposables.push(
      vscode.workspace.onDidCloseTextDocument((d) => this.cache.clear(d.uri.toString())),
      // The cursor moved off the suggestion (another line, a click elsewhere): stop its stream.
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (!this.cache.size) return;
        const doc = e.textEditor.document;
        const pos = e.selections[0]?.active;
        if (!pos) return;
        this.cache.find(doc.uri.toString(), doc.getText(new vscode.Range(new vscode.Position(0, 0), pos)));
      }),
    );
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.cache.clear();
    for (const d of this.disposables) d.dispose();
  }

  provideInlineCompletionItems(doc: vscode.TextDocument, pos: vscode.Position, ctx: vscode.InlineCompletionContext, token: vscode.CancellationToken): Promise<vscode.InlineCompletionItem[] | undefined> {
    return guardAsync('inline suggestions', undefined, () => this.provide(doc, pos, ctx, token));
  }

  private async provide(doc: vscode.TextDocument, pos: vscode.Position, ctx: vscode.InlineCompletionContext, token: vscode.CancellationToken): Promise<vscode.InlineCompletionItem[] | undefined> {
    const cfg = readDraftingConfig(doc.uri);
    const invoked = ctx.triggerKind === vscode.InlineCompletionTriggerKind.Invoke;
    if (!cfg.inline.enabled && !invoked) return undefined;
    const key = doc.uri.toString();
    const prefix = doc.getText(new vscode.Range(new vscode.Position(0, 0), pos));
    const rest = doc.lineAt(pos.line).text.slice(pos.character);
    if (!restAllowsSuggestion(rest) && !invoked) return undefined;

    const fromAccept = Date.now() - this.afterAccept < 1500;
    this.afterAccept = 0;
    let stream = this.cache.find(key, prefix);
    if (!stream) {
      // The claim's suggestion was used up: no new stream unless the user asks or types on.
      if (fromAccept) return undefined;
      // After a connection failure, typing does not knock on the server again for a while.
      if (!invoked && this.engine.recentlyFailed()) return undefined;
      if (!invoked) {
        if (!inlineTrigger(doc.lineAt(pos.line).text.slice(0, pos.character))) return undefined;
        await sleep(DEBOUNCE_MS, token);
        if (token.isCancellationRequested) return undefined;
      }
      stream = await this.startStream(doc, pos, prefix, invoked);
      if (!stream || token.isCancellationRequested) return undefined;
    }
    const segment = cfg.inline.refreshWhileStreaming && !stream.done ? (stream.segmentAfter(prefix) ?? (stream.partialAfter(prefix) || (await stream.waitForSegment(prefix, token)))) : await stream.waitForSegment(prefix, token);
    if (stream.error && !segment) {
      void this.engine.reportFailure(stream.error, invoked);
      return undefined;
    }
    if (!segment && stream.done && !stream.error && !stream.text.trim() && !token.isCancellationRequested) {
      // The engine had nothing grounded to offer: say so where the drafter looks.
      void this.engine.reportFailure(new DraftError('nothing-to-draft', 'the engine found nothing in the disclosure to add here'), invoked);
      return undefined;
    }
    if (!segment || token.isCancellationRequested) return undefined;
    const item = new vscode.InlineCompletionItem(segment, new vscode.Range(pos, pos), { title: 'Next claim segment', command: DRAFTING_COMMANDS.inlineAccepted });
    return [item];
  }

  private async startStream(doc: vscode.TextDocument, pos: vscode.Position, prefix: string, invoked: boolean): Promise<SuggestionStream | undefined> {
    const found = this.manager.analysisFor(doc.uri);
    if (!found) return undefined;
    const { matter, analysis } = found;
    const offset = doc.offsetAt(pos);
    const claim = claimAt(analysis.claims, doc.uri.toString(), offset, prefix);
    if (!claim) {
      if (invoked) void vscode.window.showInformationMessage('Patent Draft: put the cursor in a claim of a claims document to get a suggestion.');
      return undefined;
    }
    const partial = prefix.slice(claim.textRange.start.offset);
    const backend = await this.engine.backend(doc.uri, invoked);
    if (!backend) return undefined;
    const draftCtx = await this.engine.draftContext(matter, analysis);
    // On a new, still empty claim line, suggest the best dependent claim for the claim family the
    // cursor is in (the previous claim's independent claim); elsewhere, continue the claim.
    const newClaim = partial.trim() === '';
    const family = newClaim ? rootOf(analysis.claims, claim.number - 1) : undefined;
    const task = family !== undefined ? ({ kind: 'dependent', claim: family, count: 1 } as const) : ({ kind: 'continue', claim: claim.number, text: partial } as const);
    const started = Date.now();
    const stream = this.cache.start(doc.uri.toString(), prefix, (signal) =>
      (async function* () {
        let first = true;
        let pending = '';
        for await (const chunk of backend.generate(task, draftCtx, { signal })) {
          let text = chunk.text;
          if (first) {
            // Leading whitespace waits for the first words, so the whole start is fitted at once.
            if (!text.trim()) {
              pending += text;
              continue;
            }
            first = false;
            // A dependent claim comes numbered: the user already typed the number.
            text = task.kind === 'dependent' ? (pending + text).replace(/^\s*\d+\s*[.)]\s*/, '') : fitContinuation(partial, pending + text);
            log().debug(`inline: first text for ${matter.logId} claim ${claim.number} after ${Date.now() - started} ms (${backend.id})`);
          }
          yield text;
        }
      })(),
    );
    log().debug(`inline: stream started for ${matter.logId} claim ${claim.number} (${backend.id}, ${invoked ? 'invoked' : 'automatic'})`);
    stream.onProgress((s) => this.onProgress(doc, s));
    return stream;
  }

  /** The optional refresh mode: hide and re-trigger the ghost text as tokens arrive (it flickers). */
  private onProgress(doc: vscode.TextDocument, s: SuggestionStream): void {
    if (!readDraftingConfig(doc.uri).inline.refreshWhileStreaming) return;
    if (vscode.window.activeTextEditor?.document !== doc || s.aborted) return;
    const wait = Math.max(0, this.lastRefresh + REFRESH_MS - Date.now());
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.lastRefresh = Date.now();
      if (vscode.window.activeTextEditor?.document !== doc || s.aborted) return;
      // Served from the cache only: a refresh never starts a stream of its own.
      this.afterAccept = Date.now();
      void vscode.commands.executeCommand('editor.action.inlineSuggest.hide').then(() => vscode.commands.executeCommand('editor.action.inlineSuggest.trigger'));
    }, wait);
  }
}

export function registerInline(manager: MatterManager, engine: DraftingEngine): vscode.Disposable {
  const provider = new ClaimInlineProvider(manager, engine);
  const selector: vscode.DocumentSelector = [
    { language: 'markdown', scheme: 'file' },
    { language: 'markdown', scheme: 'untitled' },
    { language: 'markdown', scheme: 'vscode-remote' },
    { language: 'markdown', scheme: 'vscode-vfs' },
  ];
  return vscode.Disposable.from(
    provider,
    vscode.languages.registerInlineCompletionItemProvider(selector, provider),
    vscode.commands.registerCommand('patentDraft.suggestClaimText', () => vscode.commands.executeCommand('editor.action.inlineSuggest.trigger')),
    // After an accept, ask for the next segment at once (it is usually already in the cache).
    vscode.commands.registerCommand('patentDraft._inlineAccepted', () => {
      provider.afterAccept = Date.now();
      return vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    }),
  );
}
