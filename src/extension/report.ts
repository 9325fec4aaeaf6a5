// The Matter Report: a webview (marked-rendered, styled from media/, strict CSP, no scripts) with
// the claim tree, term table, findings by check and the abstract's word count; exportable.
import * as vscode from 'vscode';
import { guard, log, showError, describeError } from './log';
import type { MatterManager, MatterState } from './matters';
import { reportMarkdown } from '../service/reportContent';
import { reportPage } from './reportHtml';

import { COMMAND_IDS, REPORT_TITLE, REPORT_VIEW_TYPE } from './ids';

const EXPORT_COMMAND = COMMAND_IDS.exportReport;

function matterName(m: MatterState): string {
  return decodeURIComponent(m.root.path.slice(m.root.path.lastIndexOf('/') + 1)) || 'matter';
}

export class ReportPanel implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private matter?: MatterState;
  private readonly disposables: vscode.Disposable[] = [];
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly manager: MatterManager,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.disposables.push(
      manager.onDidAnalyze((m) => {
        if (this.panel && m === this.matter) this.scheduleRender();
      }),
    );
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  show(matter: MatterState): void {
    this.matter = matter;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, REPORT_TITLE, vscode.ViewColumn.Beside, {
        enableScripts: false,
        enableCommandUris: [EXPORT_COMMAND],
        localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')],
      });
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'claim-tree.svg');
      this.panel.onDidDispose(() => {
        this.panel = undefined;
      });
    } else this.panel.reveal(undefined, true);
    this.render();
  }

  /** The matter the panel shows. */
  get current(): MatterState | undefined {
    return this.panel ? this.matter : undefined;
  }

  private scheduleRender(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.render(), 300);
  }

  private render(): void {
    guard('report', undefined, () => {
      const panel = this.panel;
      const m = this.matter;
      if (!panel || !m) return;
      const started = performance.now();
      const analysis = this.manager.analyzeNow(m);
      const webview = panel.webview;
      const css = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'report.css'));
      const csp = `default-src 'none'; style-src ${webview.cspSource}; img-src ${webview.cspSource} data:; font-src ${webview.cspSource};`;
      const md = analysis ? reportMarkdown(analysis, { name: matterName(m) }) : '# Matter report\n\nThe matter could not be analysed; see the Patent Draft log.\n';
      const footer = `<p class="actions"><a href="command:${EXPORT_COMMAND}">Export report…</a> as Markdown or HTML.</p>`;
      webview.html = reportPage(md, { csp, styleHref: css.toString(), footer });
      log().debug(`${m.logId}: report rendered, ${md.length} chars in ${(performance.now() - started).toFixed(1)} ms`);
    });
  }

  /** Asks where to save the report (Markdown or HTML) and writes it. */
  async export(matter: MatterState): Promise<void> {
    const analysis = this.manager.analyzeNow(matter);
    if (!analysis) {
      await showError('The matter could not be analysed, so there is no report to export.');
      return;
    }
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(matter.root, 'matter-report.md'),
      filters: { Markdown: ['md'], HTML: ['html', 'htm'] },
      saveLabel: 'Export Report',
      title: 'Export the matter report',
    });
    if (!target) return;
    try {
      const md = reportMarkdown(analysis, { name: matterName(matter), generated: new Date().toISOString() });
      let out = md;
      if (/\.html?$/i.test(target.path)) {
        const cssBytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'media', 'report.css'));
        out = reportPage(md, { csp: "default-src 'none'; style-src 'unsafe-inline'; img-src data:;", inlineCss: new TextDecoder().decode(cssBytes) });
      }
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(out));
      log().info(`${matter.logId}: report exported, ${out.length} chars`);
      const open = await vscode.window.showInformationMessage('Matter report exported.', 'Open');
      if (open) await vscode.commands.executeCommand('vscode.open', target);
    } catch (err) {
      log().error(`report export failed: ${describeError(err)}`);
      await showError(`Could not write the report: ${describeError(err)}. Choose another folder and try again.`);
    }
  }
}
