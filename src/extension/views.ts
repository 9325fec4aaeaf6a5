// The Terms and Findings views beside the Claim Tree (the Patent Draft activity bar container), and
// the context keys the editor menus use (patentDraft.isMatterFile, patentDraft.isClaimsFile). Their
// rows are the server's (patentDraft/terms, patentDraft/findingsByClaim): findings grouped by claim,
// claims first, then the description, abstract and other documents.
import * as vscode from 'vscode';
import type { PatentClient } from './client';
import { CLAIMS_FILE_CONTEXT, COMMAND_IDS, FINDINGS_VIEW, MATTER_FILE_CONTEXT, TERMS_VIEW } from './ids';
import { describeError, log } from './log';
import type { ServerMatters } from './serverMatters';
import { shorten } from '../service/refs';
import { FINDINGS_BY_CLAIM, TERMS, type DiagnosticLevel, type FindingGroupRow, type FindingRow, type FindingsResult, type TermRow, type TermsResult } from '../lsp/protocol';

/** A finding's message in a row: at most this many characters. */
const ROW_CHARS = 120;

type TermNode = { kind: 'term'; term: TermRow };
type FindingNode = { kind: 'group'; group: FindingGroupRow } | { kind: 'finding'; id: string; finding: FindingRow };

const LEVEL_ICON: Record<DiagnosticLevel, [string, string | undefined]> = {
  error: ['error', 'problemsErrorIcon.foreground'],
  warning: ['warning', 'problemsWarningIcon.foreground'],
  information: ['info', 'problemsInfoIcon.foreground'],
  hint: ['lightbulb', undefined],
};

function icon(level: DiagnosticLevel): vscode.ThemeIcon {
  const [id, color] = LEVEL_ICON[level];
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

abstract class ServerView<T, R> implements vscode.TreeDataProvider<T> {
  protected readonly changed = new vscode.EventEmitter<T | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  result: R | null = null;
  constructor(
    protected readonly client: PatentClient,
    protected readonly matters: ServerMatters,
    private readonly method: string,
  ) {}
  async refresh(): Promise<void> {
    const doc = this.matters.activeDocument();
    this.result = doc ? await this.client.request<R | null>(this.method, { textDocument: doc }, null) : null;
    this.changed.fire(undefined);
  }
  abstract getChildren(node?: T): T[];
  abstract getTreeItem(node: T): vscode.TreeItem;
}

class TermsProvider extends ServerView<TermNode, TermsResult> {
  getChildren(node?: TermNode): TermNode[] {
    if (node || !this.result) return [];
    return this.result.rows.map((term) => ({ kind: 'term', term }));
  }
  getTreeItem(node: TermNode): vscode.TreeItem {
    const t = node.term;
    const item = new vscode.TreeItem(t.label, vscode.TreeItemCollapsibleState.None);
    item.id = `term/${t.key}`;
    item.description = t.description;
    item.iconPath = new vscode.ThemeIcon(t.support ? 'symbol-key' : 'warning', t.support ? undefined : new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.tooltip = t.tooltip;
    if (t.reveal) item.command = { command: COMMAND_IDS.reveal, title: 'Reveal Term', arguments: [t.reveal.uri, t.reveal.range] };
    item.contextValue = 'term';
    return item;
  }
}

class FindingsProvider extends ServerView<FindingNode, FindingsResult> {
  getChildren(node?: FindingNode): FindingNode[] {
    if (!this.result) return [];
    if (!node) return this.result.groups.map((group) => ({ kind: 'group', group }));
    if (node.kind !== 'group') return [];
    const g = node.group;
    return g.findings.map((f, i) => ({ kind: 'finding', id: `${g.id}/${i}/${f.code}/${f.range.start.line}:${f.range.start.character}`, finding: f }));
  }
  getTreeItem(node: FindingNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const g = node.group;
      const item = new vscode.TreeItem(g.label, g.claim !== undefined || g.shown ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = g.id;
      item.description = `${g.total}${g.total > g.findings.length ? ` (first ${g.findings.length} listed)` : ''}`;
      item.iconPath = g.level === 'error' || g.level === 'warning' ? icon(g.level) : new vscode.ThemeIcon(g.claim !== undefined ? 'symbol-field' : 'file');
      item.contextValue = g.claim !== undefined ? 'claimFindings' : 'documentFindings';
      return item;
    }
    const f = node.finding;
    const item = new vscode.TreeItem(shorten(f.message, ROW_CHARS), vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = `${f.code} · line ${f.range.start.line + 1}`;
    item.iconPath = icon(f.level);
    item.tooltip = f.message;
    item.command = { command: COMMAND_IDS.reveal, title: 'Reveal Finding', arguments: [f.uri, f.range] };
    item.contextValue = 'finding';
    return item;
  }
}

export function registerViews(client: PatentClient, matters: ServerMatters): vscode.Disposable {
  const terms = new TermsProvider(client, matters, TERMS);
  const findings = new FindingsProvider(client, matters, FINDINGS_BY_CLAIM);
  const termsView = vscode.window.createTreeView(TERMS_VIEW, { treeDataProvider: terms });
  const findingsView = vscode.window.createTreeView(FINDINGS_VIEW, { treeDataProvider: findings, showCollapseAll: true });
  const update = async () => {
    try {
      await Promise.all([termsView.visible ? terms.refresh() : undefined, findingsView.visible ? findings.refresh() : undefined]);
    } catch (err) {
      log().error(`patent draft views: ${describeError(err)}`);
    }
    termsView.description = terms.result ? `${terms.result.total}` : undefined;
    findingsView.description = findings.result ? `${findings.result.total}` : undefined;
  };
  let pending: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = undefined;
      void update();
    }, 50);
  };
  let contexts = '';
  const setContexts = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const m = doc && matters.matterOf(doc.uri);
    const role = m?.documents.find((d) => d.uri === doc!.uri.toString())?.role;
    const isMatter = Boolean(m);
    const isClaims = role === 'claims' || role === 'combined';
    if (contexts === `${isMatter}/${isClaims}`) return;
    contexts = `${isMatter}/${isClaims}`;
    void vscode.commands.executeCommand('setContext', MATTER_FILE_CONTEXT, isMatter);
    void vscode.commands.executeCommand('setContext', CLAIMS_FILE_CONTEXT, isClaims);
  };
  soon();
  setContexts();
  return vscode.Disposable.from(
    termsView,
    findingsView,
    matters.onDidChange((p) => ((!p || !p.checking) && soon(), setContexts())),
    matters.onDidChangeMatters(() => (soon(), setContexts())),
    vscode.window.onDidChangeActiveTextEditor(() => (soon(), setContexts())),
    termsView.onDidChangeVisibility((e) => e.visible && void terms.refresh()),
    findingsView.onDidChangeVisibility((e) => e.visible && void findings.refresh()),
    { dispose: () => pending && clearTimeout(pending) },
  );
}
