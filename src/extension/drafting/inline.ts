// Inline claim suggestions (ghost text) in claims documents. One request shows one natural segment
// of the claim (up to ";", ":", the claim's end, or before "wherein") as soon as it has arrived;
// the model's stream keeps running into a cache, and the next request — after an accept, or while
// the user types along the suggestion — is served from it. A stream the text left is stopped.
import * as vscode from 'vscode';
import type { PatentClient } from '../client';
import { log, guardAsync } from '../log';
import { CLAIM_AT, type ClaimAtParams, type ClaimAtResult, type DraftTask } from '../../lsp/protocol';
import { readDraftingConfig } from './config';
import { DraftFailure, type DraftingEngine } from './engine';
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

/** Where a claim's text starts: after its number as written, the "." or ")" and the spaces after it. */
export function claimTextStart(doc: vscode.TextDocument, c: Pick<ClaimAtResult, 'numberRange'>): number {
  const afterNumber = doc.offsetAt(new vscode.Position(c.numberRange.end.line, c.numberRange.end.character));
  const m = /^[.)]?[ \t]*/.exec(doc.getText().slice(afterNumber, afterNumber + 64));
  return afterNumber + (m ? m[0].length : 0);
}

/** The server's claim under a position (null: not in a claim of a matter). */
export function claimAtPosition(client: PatentClient, doc: vscode.TextDocument, pos: vscode.Position, token?: vscode.CancellationToken): Promise<ClaimAtResult | null> {
  const params: ClaimAtParams = { textDocument: { uri: doc.uri.toString() }, position: { line: pos.line, character: pos.character } };
  return client.request<ClaimAtResult | null>(CLAIM_AT, params, null, token);
}

export class ClaimInlineProvider implements vscode.InlineCompletionItemProvider, vscode.Disposable {
  readonly cache = new StreamCache(6);
  private readonly disposables: vscode.Disposable[] = [];
  private lastRefresh = 0;
  /** When an accept (or a refresh) asked for the ghost text again: served from the cache only. */
  afterAccept = 0;
  private refreshTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly client: PatentClient,
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

  provideInlineCompletionItems(
    doc: vscode.TextDocument,
    pos: vscode.Position,
    ctx: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
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
    const segment =
      cfg.inline.refreshWhileStreaming && !stream.done
        ? (stream.segmentAfter(prefix) ?? (stream.partialAfter(prefix) || (await stream.waitForSegment(prefix, token))))
        : await stream.waitForSegment(prefix, token);
    if (stream.error && !segment) {
      void this.engine.reportFailure(stream.error, invoked);
      return undefined;
    }
    if (!segment && stream.done && !stream.error && !stream.text.trim() && !token.isCancellationRequested) {
      // The engine had nothing grounded to offer: say so where the drafter looks.
      void this.engine.reportFailure(new DraftFailure('nothing-to-draft', 'the engine found nothing in the disclosure to add here'), invoked);
      return undefined;
    }
    if (!segment || token.isCancellationRequested) return undefined;
    const item = new vscode.InlineCompletionItem(segment, new vscode.Range(pos, pos), { title: 'Next claim segment', command: DRAFTING_COMMANDS.inlineAccepted });
    return [item];
  }

  private async startStream(doc: vscode.TextDocument, pos: vscode.Position, prefix: string, invoked: boolean): Promise<SuggestionStream | undefined> {
    const claim = await claimAtPosition(this.client, doc, pos);
    const offset = doc.offsetAt(pos);
    const inClaim =
      claim &&
      !claim.canceled &&
      claim.uri === doc.uri.toString() &&
      (offset <= doc.offsetAt(new vscode.Position(claim.range.end.line, claim.range.end.character)) ||
        /^[ \t]*\n?[ \t]*$/.test(prefix.slice(doc.offsetAt(new vscode.Position(claim.range.end.line, claim.range.end.character)))));
    if (!claim || !inClaim) {
      if (invoked) void vscode.window.showInformationMessage('Patent Draft: put the cursor in a claim of a claims document to get a suggestion.');
      return undefined;
    }
    const partial = prefix.slice(claimTextStart(doc, claim));
    // On a new, still empty claim line, suggest the best dependent claim for the claim family the
    // cursor is in (the previous claim's independent claim); elsewhere, continue the claim.
    const newClaim = partial.trim() === '';
    const previous = newClaim && claim.range.start.line > 0 ? await claimAtPosition(this.client, doc, new vscode.Position(claim.range.start.line - 1, 0)) : undefined;
    const family = previous && previous.claim !== claim.claim && !previous.canceled ? (previous.root ?? (previous.independent ? previous.claim : undefined)) : undefined;
    const task: DraftTask = family !== undefined ? { kind: 'dependent', claim: family, count: 1 } : { kind: 'continue', claim: claim.claim, text: partial };
    const started = Date.now();
    const engine = this.engine;
    const uri = doc.uri.toString();
    const stream = this.cache.start(uri, prefix, (signal) =>
      (async function* () {
        let first = true;
        let pending = '';
        for await (const chunk of engine.generate(uri, task, { signal, partial: task.kind === 'continue' ? partial : undefined, interactive: invoked })) {
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
            log().debug(`inline: first text for claim ${claim.claim} after ${Date.now() - started} ms (${engine.backendId})`);
          }
          yield text;
        }
      })(),
    );
    log().debug(`inline: stream started for claim ${claim.claim} (${engine.backendId}, ${invoked ? 'invoked' : 'automatic'})`);
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

export function registerInline(client: PatentClient, engine: DraftingEngine): vscode.Disposable {
  const provider = new ClaimInlineProvider(client, engine);
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
