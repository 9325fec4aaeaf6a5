// The Matter Report: a webview (marked-rendered, styled from media/, strict CSP, no scripts) with
// the claim tree, term table, findings by check and the abstract's word count (the server's
// patentDraft/report); re-rendered when the matter's findings are published; exportable.
import * as vscode from 'vscode';
import type { PatentClient } from './client';
import { log, showError, describeError } from './log';
import type { ServerMatters } from './serverMatters';
import { reportPage } from './reportHtml';
import { REPORT, type MatterInfo, type MatterReport } from '../lsp/protocol';

import { COMMAND_IDS, REPORT_TITLE, REPORT_VIEW_TYPE } from './ids';

const EXPORT_COMMAND = COMMAND_IDS.exportReport;

export class ReportPanel implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private matter?: MatterInfo;
  private readonly disposables: vscode.Disposable[] = [];
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly client: PatentClient,
    private readonly matters: ServerMatters,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.disposables.push(
      matters.onDidChange((p) => {
        if (this.panel && this.matter && (!p || (p.matter === this.matter.matter && !p.checking))) this.scheduleRender();
      }),
    );
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  show(matter: MatterInfo): void {
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
    void this.render();
  }

  /** The matter the panel shows. */
  get current(): MatterInfo | undefined {
    return this.panel ? this.matter : undefined;
  }

  private scheduleRender(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render(), 300);
  }

  private report(m: MatterInfo): Promise<MatterReport | null> {
    return this.client.request<MatterReport | null>(REPORT, { textDocument: this.matters.documentOf(m) }, null);
  }

  private async render(): Promise<void> {
    try {
      const m = this.matter;
      if (!this.panel || !m) return;
      const started = performance.now();
      const report = await this.report(m);
      const panel = this.panel;
      if (!panel || m !== this.matter) return;
      const webview = panel.webview;
      const css = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'report.css'));
      const csp = `default-src 'none'; style-src ${webview.cspSource}; img-src ${webview.cspSource} data:; font-src ${webview.cspSource};`;
      const md = report ? report.markdown : '# Matter report\n\nThe matter could not be analysed; see the Patent Draft log.\n';
      const footer = `<p class="actions"><a href="command:${EXPORT_COMMAND}">Export report…</a> as Markdown or HTML.</p>`;
      webview.html = reportPage(md, { csp, styleHref: css.toString(), footer });
      log().debug(`${m.matter}: report rendered, ${md.length} chars in ${(performance.now() - started).toFixed(1)} ms`);
    } catch (err) {
      log().error(`report failed: ${describeError(err)}`);
    }
  }

  /** Asks where to save the report (Markdown or HTML) and writes it. */
  async export(matter: MatterInfo): Promise<void> {
    const report = await this.report(matter);
    if (!report) {
      await showError('The matter could not be analysed, so there is no report to export.');
      return;
    }
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(vscode.Uri.parse(matter.root, true), 'matter-report.md'),
      filters: { Markdown: ['md'], HTML: ['html', 'htm'] },
      saveLabel: 'Export Report',
      title: 'Export the matter report',
    });
    if (!target) return;
    try {
      const md = `${report.markdown.trimEnd()}\n\n_Generated ${new Date().toISOString()}._\n`;
      let out = md;
      if (/\.html?$/i.test(target.path)) {
        const cssBytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'media', 'report.css'));
        out = reportPage(md, { csp: "default-src 'none'; style-src 'unsafe-inline'; img-src data:;", inlineCss: new TextDecoder().decode(cssBytes) });
      }
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(out));
      log().info(`${matter.matter}: report exported, ${out.length} chars`);
      const open = await vscode.window.showInformationMessage('Matter report exported.', 'Open');
      if (open) await vscode.commands.executeCommand('vscode.open', target);
    } catch (err) {
      log().error(`report export failed: ${describeError(err)}`);
      await showError(`Could not write the report: ${describeError(err)}. Choose another folder and try again.`);
    }
  }
}
