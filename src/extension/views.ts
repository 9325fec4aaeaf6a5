// The Terms and Findings views beside the Claim Tree (the Patent Draft activity bar container), and
// the context keys the editor menus use (patentDraft.isMatterFile, patentDraft.isClaimsFile).
// Findings are grouped by claim, claims first, then the description, abstract and other documents.
import * as vscode from 'vscode';
import type { Analysis, Finding, Term } from '../core/index';
import { findingGroups } from '../service/findingGroups';
import { claimLocator, diagnosticLevel, type LevelOptions } from '../service/diagnosticLevel';
import { shorten } from '../service/refs';
import { readConfig } from './config';
import { CLAIMS_FILE_CONTEXT, COMMAND_IDS, FINDINGS_VIEW, MATTER_FILE_CONTEXT, TERMS_VIEW } from './ids';
import { guard } from './log';
import type { MatterManager } from './matters';

/** The most rows a group of the Findings view lists (the report lists every finding). */
const MAX_ROWS = 500;

type TermNode = { kind: 'term'; term: Term };
type FindingNode = { kind: 'group'; id: string; label: string; description?: string; claim?: number; findings: Finding[] } | { kind: 'finding'; id: string; finding: Finding };

const LEVEL_ICON: Record<ReturnType<typeof diagnosticLevel>, [string, string | undefined]> = {
  error: ['error', 'problemsErrorIcon.foreground'],
  warning: ['warning', 'problemsWarningIcon.foreground'],
  information: ['info', 'problemsInfoIcon.foreground'],
  hint: ['lightbulb', undefined],
};

function icon(level: ReturnType<typeof diagnosticLevel>): vscode.ThemeIcon {
  const [id, color] = LEVEL_ICON[level];
  return new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);
}

abstract class MatterView<T> implements vscode.TreeDataProvider<T> {
  protected readonly changed = new vscode.EventEmitter<T | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  protected analysis?: Analysis;
  protected options: LevelOptions = {};
  constructor(protected readonly manager: MatterManager) {}
  refresh(): void {
    guard('patent draft view', undefined, () => {
      const m = this.manager.active();
      this.analysis = m ? this.manager.analyzeNow(m) : undefined;
      this.options = m && this.analysis ? { descriptionStyle: readConfig(m.root).descriptionStyle, inClaims: claimLocator(this.analysis) } : {};
    });
    this.changed.fire(undefined);
  }
  abstract getChildren(node?: T): T[];
  abstract getTreeItem(node: T): vscode.TreeItem;
}

class TermsProvider extends MatterView<TermNode> {
  getChildren(node?: TermNode): TermNode[] {
    if (node || !this.analysis) return [];
    const terms = [...this.analysis.terms].sort((a, b) => (a.introducedIn[0]?.claim ?? 1e9) - (b.introducedIn[0]?.claim ?? 1e9) || a.label.localeCompare(b.label));
    return terms.slice(0, MAX_ROWS).map((term) => ({ kind: 'term', term }));
  }
  getTreeItem(node: TermNode): vscode.TreeItem {
    const t = node.term;
    const item = new vscode.TreeItem(t.label, vscode.TreeItemCollapsibleState.None);
    item.id = `term/${t.key}`;
    const intro = [...new Set(t.introducedIn.map((i) => i.claim))];
    const claims = new Set(t.mentions.map((m) => m.claim)).size;
    item.description = `${intro.length ? `claim ${intro.join(', ')}` : 'not introduced'} · ${t.mentions.length} use${t.mentions.length === 1 ? '' : 's'} in ${claims} claim${claims === 1 ? '' : 's'} · ${t.support.count} in the description`;
    item.iconPath = new vscode.ThemeIcon(t.support.count ? 'symbol-key' : 'warning', t.support.count ? undefined : new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.tooltip = `${t.label}: introduced in ${intro.length ? `claim ${intro.join(', ')}` : 'no claim'}; ${t.mentions.length} uses in the claims; ${t.support.count} occurrences in the description${t.numerals.length ? `; numerals ${t.numerals.join(', ')}` : ''}.`;
    const first = t.introducedIn[0] ?? t.mentions[0];
    if (first) item.command = { command: COMMAND_IDS.reveal, title: 'Reveal Term', arguments: [first.uri, first.range] };
    item.contextValue = 'term';
    return item;
  }
}

class FindingsProvider extends MatterView<FindingNode> {
  getChildren(node?: FindingNode): FindingNode[] {
    if (!this.analysis) return [];
    if (!node) {
      return findingGroups(this.analysis).map((g) => ({ kind: 'group', id: g.id, label: g.label, claim: g.claim, findings: g.findings }));
    }
    if (node.kind !== 'group') return [];
    return node.findings.slice(0, MAX_ROWS).map((f, i) => ({ kind: 'finding', id: `${node.id}/${i}/${f.code}/${f.range.start.offset}`, finding: f }));
  }
  getTreeItem(node: FindingNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const levels = node.findings.map((f) => diagnosticLevel(f, this.options));
      const shown = levels.filter((l) => l !== 'hint').length;
      const item = new vscode.TreeItem(node.label, node.claim !== undefined || shown ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      item.description = `${node.findings.length}${node.findings.length > MAX_ROWS ? ` (first ${MAX_ROWS} listed)` : ''}`;
      item.iconPath = levels.includes('error') ? icon('error') : levels.includes('warning') ? icon('warning') : new vscode.ThemeIcon(node.claim !== undefined ? 'symbol-field' : 'file');
      item.contextValue = node.claim !== undefined ? 'claimFindings' : 'documentFindings';
      return item;
    }
    const f = node.finding;
    const item = new vscode.TreeItem(shorten(f.message, 120), vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = `${f.code} · line ${f.range.start.line + 1}`;
    item.iconPath = icon(diagnosticLevel(f, this.options));
    item.tooltip = f.message;
    item.command = { command: COMMAND_IDS.reveal, title: 'Reveal Finding', arguments: [f.uri, f.range] };
    item.contextValue = 'finding';
    return item;
  }
}

export function registerViews(manager: MatterManager): vscode.Disposable {
  const terms = new TermsProvider(manager);
  const findings = new FindingsProvider(manager);
  const termsView = vscode.window.createTreeView(TERMS_VIEW, { treeDataProvider: terms });
  const findingsView = vscode.window.createTreeView(FINDINGS_VIEW, { treeDataProvider: findings, showCollapseAll: true });
  const update = () => {
    for (const [p, v] of [[terms, termsView], [findings, findingsView]] as const) if (v.visible) p.refresh();
    const a = manager.active()?.analysis;
    termsView.description = a ? `${a.terms.length}` : undefined;
    findingsView.description = a ? `${a.findings.length}` : undefined;
  };
  let pending: ReturnType<typeof setTimeout> | undefined;
  const soon = () => {
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = undefined;
      update();
    }, 50);
  };
  let contexts = '';
  const setContexts = () =>
    guard('context keys', undefined, () => {
      const doc = vscode.window.activeTextEditor?.document;
      const m = doc && manager.matterOf(doc.uri);
      const role = m?.analysis?.matter.documents.find((d) => d.uri === doc!.uri.toString())?.role;
      const isMatter = Boolean(m);
      const isClaims = role === 'claims' || role === 'combined';
      if (contexts === `${isMatter}/${isClaims}`) return;
      contexts = `${isMatter}/${isClaims}`;
      void vscode.commands.executeCommand('setContext', MATTER_FILE_CONTEXT, isMatter);
      void vscode.commands.executeCommand('setContext', CLAIMS_FILE_CONTEXT, isClaims);
    });
  update();
  setContexts();
  return vscode.Disposable.from(
    termsView,
    findingsView,
    manager.onDidAnalyze(() => (soon(), setContexts())),
    manager.onDidChangeMatters(() => (soon(), setContexts())),
    vscode.window.onDidChangeActiveTextEditor(() => (soon(), setContexts())),
    termsView.onDidChangeVisibility((e) => e.visible && terms.refresh()),
    findingsView.onDidChangeVisibility((e) => e.visible && findings.refresh()),
    { dispose: () => pending && clearTimeout(pending) },
  );
}
