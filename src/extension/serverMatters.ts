// The matters as the language server knows them (patentDraft/matters), kept current by its
// patentDraft/matterChanged notifications: which matter a document belongs to, which one is active,
// whether one is being checked. No analysis here: views ask the server for their content.
import * as vscode from 'vscode';
import type { PatentClient } from './client';
import { describeError, log } from './log';
import { MATTERS, type MatterChangedParams, type MatterInfo, type MattersResult } from '../lsp/protocol';

/** How long after a burst of notifications the matter list is asked for again. */
const RELIST_MS = 30;

export class ServerMatters implements vscode.Disposable {
  private list: MatterInfo[] = [];
  private activeId?: string;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<MatterChangedParams | undefined>();
  private readonly listChanged = new vscode.EventEmitter<void>();
  private relist?: ReturnType<typeof setTimeout>;
  private listing?: Promise<void>;

  /** A matter started being checked or published its findings (undefined: the server restarted). */
  readonly onDidChange = this.changed.event;
  /** The list of matters changed (a matter appeared or went). */
  readonly onDidChangeMatters = this.listChanged.event;

  constructor(readonly client: PatentClient) {
    this.disposables.push(
      this.changed,
      this.listChanged,
      client.onMatterChanged((p) => {
        const known = this.list.find((m) => m.matter === p.matter);
        if (known) {
          known.checking = p.checking;
          known.version = p.version;
          known.documents = p.uris.map((uri) => known.documents.find((d) => d.uri === uri) ?? { uri, role: '' });
        } else this.scheduleRelist();
        if (!p.checking) this.scheduleRelist();
        this.changed.fire(p);
      }),
      client.onDidRestart(() => {
        this.list = [];
        this.scheduleRelist();
        this.changed.fire(undefined);
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        const m = e && this.matterOf(e.document.uri);
        if (m) this.activeId = m.matter;
      }),
    );
  }

  dispose(): void {
    if (this.relist) clearTimeout(this.relist);
    for (const d of this.disposables) d.dispose();
  }

  private scheduleRelist(): void {
    if (this.relist) return;
    this.relist = setTimeout(() => {
      this.relist = undefined;
      void this.refresh();
    }, RELIST_MS);
  }

  /** Asks the server for its matters again. */
  refresh(): Promise<void> {
    this.listing ??= (async () => {
      try {
        const before = this.list.map((m) => m.matter).join(',');
        const r = await this.client.request<MattersResult>(MATTERS, {}, { matters: [] });
        this.list = r.matters.slice(0, 1000);
        if (this.list.map((m) => m.matter).join(',') !== before) this.listChanged.fire();
      } catch (err) {
        log().warn(`matters not listed: ${describeError(err)}`);
      } finally {
        this.listing = undefined;
      }
    })();
    return this.listing;
  }

  all(): MatterInfo[] {
    return this.list;
  }

  /** The matter a document belongs to, as far as the server told. */
  matterOf(uri: vscode.Uri | string): MatterInfo | undefined {
    const u = typeof uri === 'string' ? uri : uri.toString();
    return this.list.find((m) => m.documents.some((d) => d.uri === u));
  }

  /** The matter of the active editor, or else the last one the user worked in, or the first. */
  active(): MatterInfo | undefined {
    const ed = vscode.window.activeTextEditor;
    const m = ed && this.matterOf(ed.document.uri);
    if (m) return m;
    return this.list.find((x) => x.matter === this.activeId) ?? this.list[0];
  }

  /** A document of the matter to name it by in requests (its claims document first). */
  documentOf(m: MatterInfo): { uri: string } {
    return { uri: m.claimsUri ?? m.documents[0]?.uri ?? m.root };
  }

  /** The active editor's document when it is in a matter, else a document of the active matter. */
  activeDocument(): { uri: string } | undefined {
    const ed = vscode.window.activeTextEditor;
    if (ed && this.matterOf(ed.document.uri)) return { uri: ed.document.uri.toString() };
    const m = this.active();
    return m ? this.documentOf(m) : undefined;
  }

  /** True while any matter (or `m`) is being checked, or a document is open whose matter the server has not named yet. */
  checking(m?: MatterInfo): boolean {
    if (m) return m.checking || this.client.checking(this.documentOf(m).uri);
    return this.client.checking() || this.list.some((x) => x.checking);
  }

  /** A short name of a matter for pickers (its folder's name, never logged). */
  static label(m: MatterInfo): string {
    return m.name || decodeURIComponent(m.root.slice(m.root.lastIndexOf('/') + 1)) || 'matter';
  }
}
