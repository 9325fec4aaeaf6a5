// The Claim Tree view (its own activity bar container, with the Terms and Findings views beside it:
// views.ts): independent claims as roots, dependents nested (a multiple dependent claim under each
// parent), each labelled by what it adds (claimLabel, the same label as the report's tree), finding
// counts as descriptions and the claims' errors and warnings as the view's badge; a click reveals the claim.
import * as vscode from 'vscode';
import { claimTree } from '../core/index';
import type { Claim, Finding } from '../core/index';
import { claimLabel } from '../service/claimLabel';
import { claimLocator, countsInClaims } from '../service/diagnosticLevel';
import { CLAIM_TREE_VIEW, COMMAND_IDS } from './ids';
import { guard } from './log';
import type { MatterManager, MatterState } from './matters';
import { shorten } from '../service/refs';

interface TreeNodeLike {
  claim: number;
  children: TreeNodeLike[];
}

interface Node {
  id: string;
  claim: Claim | undefined;
  number: number;
  children: Node[];
  counts: { error: number; warning: number; info: number };
}

function countsFor(findings: Finding[], n: number): Node['counts'] {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) if (f.claim === n) c[f.severity]++;
  return c;
}

export function countsLabel(c: Node['counts']): string {
  const parts: string[] = [];
  if (c.error) parts.push(`${c.error} error${c.error === 1 ? '' : 's'}`);
  if (c.warning) parts.push(`${c.warning} warning${c.warning === 1 ? '' : 's'}`);
  if (c.info) parts.push(`${c.info} info`);
  return parts.join(', ');
}

/** The badge on a view: the errors and warnings in the claims (undefined when there are none). */
export function claimsBadge(analysis: { claims: readonly Claim[]; findings: readonly Finding[] }): vscode.ViewBadge | undefined {
  const inClaims = claimLocator(analysis);
  const n = analysis.findings.filter((f) => countsInClaims(f, inClaims)).length;
  return n ? { value: n, tooltip: `${n} error${n === 1 ? '' : 's'} and warnings in the claims` } : undefined;
}

class ClaimTreeProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Node[] = [];
  private shown?: MatterState;
  summary: { claims: readonly Claim[]; findings: readonly Finding[] } = { claims: [], findings: [] };

  constructor(private readonly manager: MatterManager) {}

  refresh(): void {
    guard('claim tree', undefined, () => {
      const m = this.manager.active();
      this.shown = m;
      const analysis = m && this.manager.analyzeNow(m);
      this.summary = analysis ?? { claims: [], findings: [] };
      if (!m || !analysis) {
        this.roots = [];
      } else {
        const byNumber = new Map<number, Claim>();
        for (const c of analysis.claims) if (!byNumber.has(c.number)) byNumber.set(c.number, c);
        const build = (t: TreeNodeLike, path: string): Node => {
          const id = `${path}/${t.claim}`;
          return { id, claim: byNumber.get(t.claim), number: t.claim, counts: countsFor(analysis.findings, t.claim), children: t.children.map((ch) => build(ch, id)) };
        };
        this.roots = (claimTree(analysis.claims) as TreeNodeLike[]).map((t) => build(t, m.key));
      }
    });
    this.changed.fire(undefined);
  }

  get matter(): MatterState | undefined {
    return this.shown;
  }

  get empty(): boolean {
    return this.roots.length === 0;
  }

  getChildren(node?: Node): Node[] {
    return node ? node.children : this.roots;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const c = node.claim;
    const label = c ? `${node.number}. ${claimLabel(c, 70)}` : `${node.number} (missing)`;
    const item = new vscode.TreeItem(label, node.children.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    const deps = node.children.length ? `${node.children.length} dependent${node.children.length === 1 ? '' : 's'}` : '';
    item.description = [countsLabel(node.counts), c?.canceled ? 'canceled' : '', deps].filter(Boolean).join(' · ') || undefined;
    item.contextValue = c ? (c.parents.length ? 'dependentClaim' : 'independentClaim') : 'missingClaim';
    item.iconPath = new vscode.ThemeIcon(
      node.counts.error ? 'error' : node.counts.warning ? 'warning' : c?.parents.length ? 'symbol-field' : 'symbol-class',
      node.counts.error ? new vscode.ThemeColor('problemsErrorIcon.foreground') : node.counts.warning ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined,
    );
    if (c) {
      const tip = new vscode.MarkdownString();
      tip.appendText(shorten(c.text, 400));
      item.tooltip = tip;
      item.command = { command: COMMAND_IDS.reveal, title: 'Reveal Claim', arguments: [c.uri, c.numberRange] };
    }
    return item;
  }
}

export function registerClaimTree(manager: MatterManager): { disposable: vscode.Disposable; view: vscode.TreeView<unknown> } {
  const provider = new ClaimTreeProvider(manager);
  const view = vscode.window.createTreeView(CLAIM_TREE_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  const update = () => {
    provider.refresh();
    const m = provider.matter;
    view.description = m ? m.root.path.slice(m.root.path.lastIndexOf('/') + 1) : undefined;
    view.message = m ? (provider.empty ? 'No claims found in this matter yet.' : undefined) : 'Open a claims file (claims.md) of a matter to see its claims.';
    view.badge = claimsBadge(provider.summary);
  };
  let pending: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = undefined;
      if (view.visible) update();
    }, 50);
  };
  update();
  return {
    view: view as vscode.TreeView<unknown>,
    disposable: vscode.Disposable.from(
      view,
      manager.onDidAnalyze(soon),
      manager.onDidChangeMatters(soon),
      vscode.window.onDidChangeActiveTextEditor(soon),
      view.onDidChangeVisibility((e) => e.visible && update()),
      { dispose: () => pending && clearTimeout(pending) },
    ),
  };
}
