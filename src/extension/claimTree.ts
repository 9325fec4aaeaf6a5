// The Claim Tree view (its own activity bar container, with the Terms and Findings views beside it:
// views.ts): independent claims as roots, dependents nested (a multiple dependent claim under each
// parent), each labelled by what it adds (the server's patentDraft/claimTree, the same label as the
// report's tree), finding counts as descriptions and the claims' errors and warnings as the view's
// badge (patentDraft/findingsByClaim); a click reveals the claim.
import * as vscode from 'vscode';
import type { PatentClient } from './client';
import { CLAIM_TREE_VIEW, COMMAND_IDS } from './ids';
import { describeError, log } from './log';
import { ServerMatters } from './serverMatters';
import { CLAIM_TREE, FINDINGS_BY_CLAIM, type ClaimTreeItem, type ClaimTreeResult, type FindingsResult } from '../lsp/protocol';

type Counts = { error: number; warning: number; info: number };

interface Node {
  id: string;
  item: ClaimTreeItem;
  children: Node[];
  counts: Counts;
}

export function countsLabel(c: Counts): string {
  const parts: string[] = [];
  if (c.error) parts.push(`${c.error} error${c.error === 1 ? '' : 's'}`);
  if (c.warning) parts.push(`${c.warning} warning${c.warning === 1 ? '' : 's'}`);
  if (c.info) parts.push(`${c.info} info`);
  return parts.join(', ');
}

/** Per claim: its errors, warnings and infos as they show (hints are not counted), from the Findings groups. */
export function claimCounts(findings: FindingsResult | null): Map<number, Counts> {
  const out = new Map<number, Counts>();
  for (const g of findings?.groups ?? []) {
    if (g.claim === undefined) continue;
    const c = out.get(g.claim) ?? { error: 0, warning: 0, info: 0 };
    for (const f of g.findings)
      if (f.level === 'error') c.error++;
      else if (f.level === 'warning') c.warning++;
      else if (f.level === 'information') c.info++;
    out.set(g.claim, c);
  }
  return out;
}

class ClaimTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Node[] = [];
  /** Errors and warnings in the claims (the view's badge). */
  badge = 0;
  shown?: string;
  known = false;

  constructor(
    private readonly client: PatentClient,
    private readonly matters: ServerMatters,
  ) {}

  async refresh(): Promise<void> {
    const m = this.matters.active();
    const doc = this.matters.activeDocument();
    this.shown = m && ServerMatters.label(m);
    if (!doc) {
      this.roots = [];
      this.known = false;
    } else {
      const [tree, findings] = await Promise.all([
        this.client.request<ClaimTreeResult | null>(CLAIM_TREE, { textDocument: doc }, null),
        this.client.request<FindingsResult | null>(FINDINGS_BY_CLAIM, { textDocument: doc }, null),
      ]);
      const counts = claimCounts(findings);
      this.badge = [...counts.values()].reduce((n, c) => n + c.error + c.warning, 0);
      const build = (t: ClaimTreeItem, path: string): Node => {
        const id = `${path}/${t.claim}`;
        return { id, item: t, counts: counts.get(t.claim) ?? { error: 0, warning: 0, info: 0 }, children: t.children.map((ch) => build(ch, id)) };
      };
      this.known = tree !== null;
      this.roots = (tree?.roots ?? []).slice(0, 2000).map((t) => build(t, m?.matter ?? 'matter'));
    }
    this.changed.fire(undefined);
  }

  get empty(): boolean {
    return this.roots.length === 0;
  }

  getChildren(node?: Node): Node[] {
    return node ? node.children : this.roots;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const c = node.item;
    const label = c.uri ? `${c.claim}. ${c.label}` : `${c.claim} (missing)`;
    const item = new vscode.TreeItem(label, node.children.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    const deps = node.children.length ? `${node.children.length} dependent${node.children.length === 1 ? '' : 's'}` : '';
    item.description = [countsLabel(node.counts), deps].filter(Boolean).join(' · ') || undefined;
    const dependent = node.id.split('/').length > 2;
    item.contextValue = c.uri ? (dependent ? 'dependentClaim' : 'independentClaim') : 'missingClaim';
    item.iconPath = new vscode.ThemeIcon(
      node.counts.error ? 'error' : node.counts.warning ? 'warning' : dependent ? 'symbol-field' : 'symbol-class',
      node.counts.error ? new vscode.ThemeColor('problemsErrorIcon.foreground') : node.counts.warning ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined,
    );
    if (c.uri && c.range) {
      item.tooltip = label;
      item.command = { command: COMMAND_IDS.reveal, title: 'Reveal Claim', arguments: [c.uri, c.range] };
    }
    return item;
  }
}

export function registerClaimTree(client: PatentClient, matters: ServerMatters): vscode.Disposable {
  const provider = new ClaimTreeProvider(client, matters);
  const view = vscode.window.createTreeView(CLAIM_TREE_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  const update = async () => {
    try {
      await provider.refresh();
    } catch (err) {
      log().error(`claim tree: ${describeError(err)}`);
    }
    view.description = provider.shown;
    view.message = provider.known ? (provider.empty ? 'No claims found in this matter yet.' : undefined) : 'Open a claims file (claims.md) of a matter to see its claims.';
    view.badge = provider.badge ? { value: provider.badge, tooltip: `${provider.badge} error${provider.badge === 1 ? '' : 's'} and warnings in the claims` } : undefined;
  };
  let pending: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = undefined;
      if (view.visible) void update();
    }, 50);
  };
  const published = (p?: { checking: boolean }) => (!p || !p.checking) && soon();
  soon();
  return vscode.Disposable.from(
    view,
    matters.onDidChange(published),
    matters.onDidChangeMatters(soon),
    vscode.window.onDidChangeActiveTextEditor(soon),
    view.onDidChangeVisibility((e) => e.visible && void update()),
    { dispose: () => pending && clearTimeout(pending) },
  );
}
