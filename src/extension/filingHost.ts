// The filing commands' heavy half, its own bundle (dist/filing.js, loaded on first use by lazy.ts so
// that activation stays fast): Export for Filing (src/filing: the filing checks, the docx package),
// Import Published Patent (USPTO/EPO XML, or a Word draft through mammoth), and Prepare Claim Listing
// (37 CFR 1.121(c), git through the built-in git extension's API). Each asks the user (format, what
// to do about findings, whether to replace a file), writes only what the user accepted, and never
// logs document text. The matter is read as the editor holds it (open documents over the files,
// workspaceFs.ts) with the discovery every host uses (src/node/workspace.ts).
import * as vscode from 'vscode';
import { CHECK_CODES, importPatentXml, type CheckSettings, type Jurisdiction, type Matter, type SourceDocument } from '../core/index';
import { exportMatter, exportTarget, writeExport, type ExportFormat } from '../filing/export';
import { ListingError } from '../filing/amend';
import { prepareListing, RoundTripError, type PreparedListing } from '../filing/amendPrepare';
import { describeImportReport, importDocx, isWordDocument, matterFileName } from '../filing/importDocx';
import { listingHtml } from '../filing/listing';
import { listingDocx } from '../filing/listingDocx';
import { asFiledFromFile, type AsFiledVersion } from '../filing/newMatter';
import { mattersInFolder } from '../node/workspace';
import { readConfig, type PatentDraftConfig } from './config';
import { COMMAND_IDS } from './ids';
import { describeError, log, showError } from './log';
import { EditorWorkspace, hostPath } from './workspaceFs';
import type { MatterInfo } from '../lsp/protocol';

export { adoptLog } from './log';

/** The editor's settings as the core's (only codes the core knows), the base the matter's own settings file goes over. */
function checkSettings(config: PatentDraftConfig): CheckSettings {
  const severity: CheckSettings['severity'] = {};
  for (const code of CHECK_CODES) if (config.severity[code]) severity[code] = config.severity[code];
  return { jurisdiction: config.jurisdiction, mode: config.mode, severity, minConfidence: config.minConfidence };
}

/** The matter as the editor holds it: the folder read through the editor's workspace (open documents' text wins). */
async function hostMatter(info: MatterInfo): Promise<Matter | undefined> {
  const root = vscode.Uri.parse(info.root, true);
  const open = vscode.workspace.textDocuments.filter((d) => d.uri.toString().startsWith(info.root)).map((d) => ({ uri: d.uri, text: d.getText(), version: d.version }));
  const ws = new EditorWorkspace(root, open);
  const cfg = readConfig(root);
  const folder = hostPath(root);
  const toUri = (p: string) => (root.scheme === 'file' ? vscode.Uri.file(p) : root.with({ path: p })).toString();
  const matters = await mattersInFolder(folder, {}, undefined, checkSettings(cfg), {
    workspace: ws,
    patterns: { claims: cfg.files.claims, disclosure: cfg.files.disclosure, abstract: cfg.files.abstract },
  });
  const wanted = new Set(info.documents.map((d) => d.uri));
  const found = matters.map((m) => ({ ...m, root: info.root, documents: m.documents.map((d) => ({ ...d, uri: toUri(d.uri) })) }));
  return found.find((m) => m.documents.some((d) => wanted.has(d.uri))) ?? found[0];
}

const FORMATS: { label: string; description: string; format: ExportFormat }[] = [
  { label: 'Word (.docx)', description: 'USPTO / EPO layout: numbered paragraphs, claims and abstract on their own pages', format: 'docx' },
  { label: 'HTML (.html)', description: 'the same layout, for a browser or printing', format: 'html' },
  { label: 'Markdown (.md)', description: 'clean: no comments or front matter, numbered paragraphs', format: 'md' },
];

async function exists(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
}

/** Writes a new file, or replaces one the user agreed to replace; never through a symbolic link. */
async function writeFile(uri: vscode.Uri, bytes: Uint8Array, replace: boolean): Promise<void> {
  if (uri.scheme === 'file') return writeExport(uri.fsPath, Buffer.from(bytes), replace, vscode.workspace.asRelativePath(uri));
  const st = await exists(uri);
  if (st && (st.type & vscode.FileType.SymbolicLink || !(st.type & vscode.FileType.File))) throw new Error(`${vscode.workspace.asRelativePath(uri)} is not a regular file; not replaced`);
  if (st && !replace) throw new Error(`${vscode.workspace.asRelativePath(uri)} exists; not overwritten`);
  await vscode.workspace.fs.writeFile(uri, bytes);
}

/** "Export for Filing" on a matter the server named (its documents read as the editor holds them). */
export async function exportForFiling(info: MatterInfo): Promise<void> {
  const m = { logId: info.matter };
  const matter = await hostMatter(info);
  if (!matter) return showError('The matter could not be read, so it cannot be exported. Save its files and try again.');
  const analysis = { matter };
  const picked = await vscode.window.showQuickPick(FORMATS, { placeHolder: 'Export for filing as…', title: 'Patent Draft: Export for Filing' });
  if (!picked) return;
  const jurisdiction: Jurisdiction = analysis.matter.settings.jurisdiction;
  const started = performance.now();
  const result = await exportMatter(analysis.matter, { format: picked.format, jurisdiction });
  log().info(
    `${m.logId}: export ${picked.format}/${jurisdiction} built in ${(performance.now() - started).toFixed(1)} ms: ${result.bytes.length} bytes, ${result.document.claims.length} claims, ${result.findings.length} filing finding(s)`,
  );
  if (result.findings.length) {
    const first = result.findings[0];
    const choice = await vscode.window.showWarningMessage(
      `${result.findings.length} finding(s) a filing office would object to (first: ${first.message}). Fix them first, or export anyway?`,
      { modal: true },
      'Show Problems',
      'Export Anyway',
    );
    if (choice === 'Show Problems') return void vscode.commands.executeCommand('workbench.actions.view.problems');
    if (choice !== 'Export Anyway') return;
  }
  const t = exportTarget(analysis.matter, picked.format);
  let target = vscode.Uri.joinPath(/^[a-z][a-z0-9+.-]*:/i.test(t.folder) ? vscode.Uri.parse(t.folder) : vscode.Uri.file(t.folder), t.name);
  let replace = false;
  if (await exists(target)) {
    const choice = await vscode.window.showWarningMessage(`${t.name} already exists next to the matter. Replace it?`, { modal: true }, 'Replace', 'Save As…');
    if (choice === 'Save As…') {
      const other = await vscode.window.showSaveDialog({ defaultUri: target, filters: { [picked.label]: [picked.format] }, title: 'Export for filing' });
      if (!other) return;
      target = other;
      // The save dialog asked about replacing a file it lets the user pick.
      replace = true;
    } else if (choice === 'Replace') replace = true;
    else return;
  }
  try {
    await writeFile(target, result.bytes, replace);
  } catch (err) {
    log().error(`${m.logId}: export not written (${err instanceof Error ? err.name : typeof err})`);
    return showError(`The export was not written: ${describeError(err)}.`);
  }
  const notes = result.document.notes.length ? ` Note: ${result.document.notes.join('; ')}.` : '';
  const done = await vscode.window.showInformationMessage(
    `Exported ${vscode.workspace.asRelativePath(target)} (${jurisdiction.toUpperCase()} layout): ${result.document.paragraphs} numbered paragraph(s), ${result.document.claims.length} claim(s).${notes}`,
    'Reveal in Explorer',
  );
  if (done === 'Reveal in Explorer') await vscode.commands.executeCommand('revealInExplorer', target);
}

/**
 * The Word branch of "Import Published Patent": the draft as one Markdown matter file, or
 * undefined when the user declined after reading the import report (tracked changes, images).
 */
export async function importWordDraft(source: vscode.Uri, bytes: Uint8Array): Promise<{ docNumber: string; files: { name: string; text: string }[] } | undefined> {
  const name = source.path.slice(source.path.lastIndexOf('/') + 1);
  const started = performance.now();
  const imported = await importDocx(Buffer.from(bytes), name);
  const r = imported.report;
  log().info(
    `imported a ${bytes.length}-byte Word document in ${(performance.now() - started).toFixed(1)} ms: ${imported.claims} claims, ${imported.paragraphs} numbered paragraphs, ${r.trackedInsertions + r.trackedDeletions + r.trackedMoves} tracked change(s), ${r.images.length} image(s)`,
  );
  const lines = describeImportReport(r);
  if (lines.length) {
    const ok = await vscode.window.showWarningMessage(`Importing ${name}: ${lines.join('; ')}. The report is kept at the top of the imported file.`, { modal: true }, 'Import');
    if (ok !== 'Import') return undefined;
  }
  return { docNumber: matterFileName(name).replace(/\.md$/, ''), files: imported.files };
}

/** Imports a USPTO/EPO XML document or a Word draft as a Markdown matter in a folder the user picks (one WorkspaceEdit). */
export async function importPatent(): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { 'Patent XML or Word draft': ['xml', 'docx'], 'All files': ['*'] },
    openLabel: 'Import',
    title: 'Import a published patent (USPTO or EPO XML) or a Word draft (.docx)',
  });
  const source = picked?.[0];
  if (!source) return;
  const bytes = await vscode.workspace.fs.readFile(source);
  let imported: { docNumber: string; files: { name: string; text: string }[] };
  const started = performance.now();
  try {
    if (isWordDocument(source.path, bytes)) {
      const word = await importWordDraft(source, bytes);
      if (!word) return;
      imported = word;
    } else imported = importPatentXml(new TextDecoder('utf-8').decode(bytes));
  } catch (err) {
    // The message may quote the file; the log gets its class only.
    log().error(`import failed after ${(performance.now() - started).toFixed(1)} ms on ${bytes.length} bytes (${err instanceof Error ? err.name : typeof err})`);
    await showError(`This file could not be imported as a patent document: ${describeError(err)}. Choose a USPTO full-text XML, an EPO XML or a Word (.docx) file.`, {
      title: 'Choose Another File',
      run: () => vscode.commands.executeCommand(COMMAND_IDS.importPatent),
    });
    return;
  }
  log().info(`imported a ${bytes.length}-byte document into ${imported.files.length} file(s) in ${(performance.now() - started).toFixed(1)} ms`);
  const folders = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    openLabel: 'Import Here',
    title: `Folder to hold the imported matter (a folder ${matterFolderName(imported.docNumber)} is made in it)`,
  });
  const picked0 = folders?.[0];
  if (!picked0) return;
  // One matter per folder: the import goes into a folder of its own, named by the document number.
  const folder = vscode.Uri.joinPath(picked0, matterFolderName(imported.docNumber));
  const targets = imported.files.map((f) => ({ uri: vscode.Uri.joinPath(folder, f.name), text: f.text }));
  const existing: vscode.Uri[] = [];
  for (const t of targets) {
    try {
      await vscode.workspace.fs.stat(t.uri);
      existing.push(t.uri);
    } catch {
      // does not exist: good
    }
  }
  if (existing.length) {
    const ok = await vscode.window.showWarningMessage(
      `${existing.length} file(s) already exist in that folder (${existing.map((u) => u.path.slice(u.path.lastIndexOf('/') + 1)).join(', ')}). Overwrite?`,
      { modal: true },
      'Overwrite',
    );
    if (ok !== 'Overwrite') return;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const t of targets) edit.createFile(t.uri, { overwrite: true, contents: new TextEncoder().encode(t.text) });
  if (!(await vscode.workspace.applyEdit(edit))) {
    await showError('The imported files could not be written. Check that the folder is writable and try again.');
    return;
  }
  const first = targets[0];
  if (first) await vscode.window.showTextDocument(first.uri);
}

/** A safe folder name for an imported document ("US 8,930,553 B2" → "US8930553B2"). */
export function matterFolderName(docNumber: string | undefined): string {
  const clean = (docNumber ?? '').replace(/[^A-Za-z0-9_-]+/g, '');
  return clean || 'imported-patent';
}

const VIEW_TYPE = 'patentDraft.claimListing';
/** The most a previous version may hold, and how long git may take for it. */
const MAX_PREVIOUS_BYTES = 8 * 1024 * 1024;
const GIT_TIMEOUT_MS = 15_000;

// The few parts of the git extension's API (vscode.git, API version 1) this command uses.
interface GitRef {
  type: number;
  name?: string;
  commit?: string;
}
interface GitCommit {
  hash: string;
  message: string;
  authorDate?: Date;
}
interface GitRepository {
  rootUri: vscode.Uri;
  state: { HEAD?: { name?: string; commit?: string }; refs?: GitRef[] };
  show(ref: string, path: string): Promise<string>;
  log?(options?: { maxEntries?: number; path?: string }): Promise<GitCommit[]>;
  getRefs?(query?: { pattern?: string; count?: number; sort?: 'alphabetically' | 'committerdate' }): Promise<GitRef[]>;
}
interface GitApi {
  getRepository(uri: vscode.Uri): GitRepository | null;
}
interface GitExtension {
  enabled: boolean;
  getAPI(version: 1): GitApi;
}

type Point = { kind: 'ref'; ref: string; label: string; repo: GitRepository } | { kind: 'file'; uri: vscode.Uri; label: string };

async function gitRepository(root: vscode.Uri): Promise<GitRepository | undefined> {
  const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!ext) return undefined;
  try {
    const api = (ext.isActive ? ext.exports : await ext.activate()) as GitExtension;
    if (!api?.enabled) return undefined;
    return api.getAPI(1).getRepository(root) ?? undefined;
  } catch (err) {
    log().warn(`claim listing: git extension unavailable: ${describeError(err)}`);
    return undefined;
  }
}

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${GIT_TIMEOUT_MS / 1000} s`)), GIT_TIMEOUT_MS);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

/** The comparison point: HEAD, a tag or branch, a recent commit of the claims file, or a file. */
async function pickPoint(repo: GitRepository | undefined, claimsUri: vscode.Uri): Promise<Point | undefined> {
  type Item = vscode.QuickPickItem & { point?: Point; file?: true };
  const items: Item[] = [];
  if (repo) {
    items.push({ label: 'HEAD', description: 'the last commit', point: { kind: 'ref', ref: 'HEAD', label: 'HEAD', repo } });
    let refs: GitRef[] = [];
    try {
      refs = repo.getRefs ? await withTimeout(repo.getRefs({ count: 50, sort: 'committerdate' }), 'Reading the git refs') : (repo.state.refs ?? []);
    } catch (err) {
      log().warn(`claim listing: refs unavailable: ${describeError(err)}`);
    }
    // The git extension's RefType: 0 a branch, 1 a remote branch, 2 a tag. Tags first (an application
    // as filed is often tagged), then branches, then remote branches; at most 50.
    const rank = (t: number) => (t === 2 ? 0 : t === 0 ? 1 : 2);
    const named = refs
      .filter((r) => r.name)
      .sort((a, b) => rank(a.type) - rank(b.type))
      .slice(0, 50);
    if (named.length) items.push({ label: 'Tags and branches', kind: vscode.QuickPickItemKind.Separator });
    for (const r of named) items.push({ label: r.name!, description: r.type === 2 ? 'tag' : r.type === 1 ? 'remote branch' : 'branch', point: { kind: 'ref', ref: r.name!, label: r.name!, repo } });
    try {
      const commits = repo.log ? await withTimeout(repo.log({ maxEntries: 20, path: claimsUri.fsPath }), 'Reading the git log') : [];
      if (commits.length) items.push({ label: 'Commits that changed the claims', kind: vscode.QuickPickItemKind.Separator });
      for (const c of commits) {
        const short = c.hash.slice(0, 8);
        items.push({
          label: short,
          description: c.authorDate ? new Date(c.authorDate).toISOString().slice(0, 10) : undefined,
          detail: c.message.split('\n')[0].slice(0, 80),
          point: { kind: 'ref', ref: c.hash, label: short, repo },
        });
      }
    } catch (err) {
      log().warn(`claim listing: log unavailable: ${describeError(err)}`);
    }
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  }
  items.push({ label: '$(file) Choose a file…', description: 'an earlier version of the claims, or a previous listing', file: true });
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: 'Compare the claims with which version? (the last listing filed, or the application as filed)',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  if (picked.point) return picked.point;
  const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Markdown: ['md', 'markdown'] }, openLabel: 'Compare with this version' });
  if (!files?.[0]) return undefined;
  return { kind: 'file', uri: files[0], label: vscode.workspace.asRelativePath(files[0]) };
}

async function readPoint(point: Point, path: vscode.Uri): Promise<string> {
  if (point.kind === 'ref') {
    const show = (p: string) => withTimeout(point.repo.show(point.ref, p), `git show ${point.label}`);
    // The API takes the file's path (it makes it relative to the repository itself); a relative path is the fallback.
    const root = point.repo.rootUri.path.replace(/\/?$/, '/');
    const text = await show(path.fsPath).catch((err: unknown) => {
      if (!path.path.startsWith(root)) throw err;
      return show(path.path.slice(root.length));
    });
    if (text.length > MAX_PREVIOUS_BYTES) throw new ListingError(`the claims at ${point.label} are larger than 8 MB`);
    return text;
  }
  const stat = await vscode.workspace.fs.stat(point.uri);
  if (stat.type !== vscode.FileType.File) throw new ListingError(`${point.label} is not a regular file`);
  if (stat.size > MAX_PREVIOUS_BYTES) throw new ListingError(`${point.label} is larger than 8 MB`);
  const bytes = await vscode.workspace.fs.readFile(point.uri);
  if (bytes.subarray(0, 8192).includes(0)) throw new ListingError(`${point.label} is a binary file, not Markdown text`);
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

/** The application as filed at the point: every document of the matter at the ref, or the file itself. */
async function asFiledAt(point: Point, docs: SourceDocument[], previous: string, claimsUri: string): Promise<AsFiledVersion | { skipped: string }> {
  if (point.kind === 'file') return asFiledFromFile(point.label, { uri: point.uri.toString(), text: previous });
  const documents: SourceDocument[] = [];
  for (const d of docs) {
    if (d.uri === claimsUri) {
      documents.push({ uri: d.uri, text: previous });
      continue;
    }
    try {
      documents.push({ uri: d.uri, text: await readPoint(point, vscode.Uri.parse(d.uri, true)) });
    } catch {
      // Not in that commit (added since): nothing of it was filed.
    }
  }
  return { label: point.label, documents };
}

class ListingPreview {
  private panel?: vscode.WebviewPanel;

  show(prepared: PreparedListing, since: string, skipped?: string): void {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Claim Listing', vscode.ViewColumn.Beside, { enableScripts: false, localResourceRoots: [] });
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else this.panel.reveal(undefined, true);
    this.panel.title = `Claim Listing (since ${since})`;
    this.panel.webview.html = listingHtml(prepared.listing, {
      title: 'Claim Listing',
      since,
      findings: prepared.findings,
      notes: [...prepared.listing.notes, ...(skipped ? [`New-matter check skipped: ${skipped}.`] : [])],
      csp: "default-src 'none'; style-src 'unsafe-inline';",
    });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

async function save(prepared: PreparedListing, matter: { root: vscode.Uri }, format: 'md' | 'docx'): Promise<void> {
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(matter.root, format === 'md' ? 'claim-listing.md' : 'claim-listing.docx'),
    filters: format === 'md' ? { Markdown: ['md'] } : { 'Word document': ['docx'] },
    saveLabel: 'Save Claim Listing',
  });
  if (!target) return;
  const data = format === 'md' ? new TextEncoder().encode(prepared.markdown) : new Uint8Array(await listingDocx(prepared.listing));
  await vscode.workspace.fs.writeFile(target, data);
  log().info(`claim listing saved (${format}, ${data.byteLength} bytes, ${prepared.listing.claims.length} claims)`);
  const open = await vscode.window.showInformationMessage(`Saved the claim listing (${prepared.listing.claims.length} claims).`, format === 'md' ? 'Open' : 'Reveal');
  if (open === 'Open') await vscode.window.showTextDocument(target, { preview: true });
  else if (open === 'Reveal') await vscode.commands.executeCommand('revealFileInOS', target);
}

const preview = new ListingPreview();

/** "Prepare Claim Listing…" on a matter the server named (its documents read as the editor holds them). */
export async function prepareClaimListing(info: MatterInfo | undefined): Promise<void> {
  if (!info) {
    void vscode.window.showWarningMessage('Open a patent matter (a folder with claims.md) to prepare a claim listing.');
    return;
  }
  const read = await hostMatter(info);
  const matter = { logId: info.matter, root: vscode.Uri.parse(info.root, true) };
  const docs = read?.documents ?? [];
  const claimsDoc = docs.find((d) => d.role === 'claims') ?? docs.find((d) => d.role === 'combined');
  if (!claimsDoc) {
    void vscode.window.showWarningMessage('This matter has no claims document (claims.md, or a "## Claims" section).');
    return;
  }
  const claimsUri = vscode.Uri.parse(claimsDoc.uri, true);
  const point = await pickPoint(await gitRepository(matter.root), claimsUri);
  if (!point) return;
  const started = performance.now();
  let prepared: PreparedListing;
  let skipped: string | undefined;
  try {
    const previous = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Reading the earlier claims' }, () => readPoint(point, claimsUri));
    const asFiled = await asFiledAt(point, docs, previous, claimsDoc.uri);
    if ('skipped' in asFiled) skipped = asFiled.skipped;
    prepared = prepareListing({
      previous: { label: point.label, uri: claimsDoc.uri, text: previous },
      working: { uri: claimsDoc.uri, text: claimsDoc.text },
      asFiled: 'skipped' in asFiled ? undefined : asFiled,
    });
  } catch (err) {
    log().warn(`${matter.logId}: claim listing failed: ${describeError(err)}`);
    const why = err instanceof ListingError || err instanceof RoundTripError ? err.message : describeError(err);
    return showError(`The claim listing could not be prepared: ${why}`);
  }
  log().info(`${matter.logId}: claim listing prepared (${prepared.listing.claims.length} claims, ${prepared.findings.length} findings) in ${(performance.now() - started).toFixed(1)} ms`);
  preview.show(prepared, point.label, skipped);
  const newMatter = prepared.findings.filter((f) => f.code === 'new-matter').length;
  const msg = `Claim listing since ${point.label}: ${prepared.listing.claims.length} claims${newMatter ? `, ${newMatter} possible new matter` : ''}.`;
  const pick = await vscode.window.showInformationMessage(msg, 'Save as Markdown…', 'Save as DOCX…');
  if (pick === 'Save as Markdown…') await save(prepared, matter, 'md');
  else if (pick === 'Save as DOCX…') await save(prepared, matter, 'docx');
}
