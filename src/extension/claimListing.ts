// "Patent Draft: Prepare Claim Listing…": asks for the comparison point (a git ref through the
// built-in git extension's API, or a file), shows the marked-up listing (37 CFR 1.121(c)) in a
// preview, and saves it as Markdown or DOCX where the user says. It never edits an open document:
// the listing is a new file, written only on request. The listing itself is src/filing's.
import * as vscode from 'vscode';
import type { SourceDocument } from '../core/index';
import { ListingError } from '../filing/amend';
import { prepareListing, RoundTripError, type PreparedListing } from '../filing/amendPrepare';
import { listingHtml } from '../filing/listing';
import { listingDocx } from '../filing/listingDocx';
import { asFiledFromFile, type AsFiledVersion } from '../filing/newMatter';
import { describeError, log, showError } from './log';
import type { MatterManager, MatterState } from './matters';

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
    const named = refs.filter((r) => r.name).sort((a, b) => rank(a.type) - rank(b.type)).slice(0, 50);
    if (named.length) items.push({ label: 'Tags and branches', kind: vscode.QuickPickItemKind.Separator });
    for (const r of named) items.push({ label: r.name!, description: r.type === 2 ? 'tag' : r.type === 1 ? 'remote branch' : 'branch', point: { kind: 'ref', ref: r.name!, label: r.name!, repo } });
    try {
      const commits = repo.log ? await withTimeout(repo.log({ maxEntries: 20, path: claimsUri.fsPath }), 'Reading the git log') : [];
      if (commits.length) items.push({ label: 'Commits that changed the claims', kind: vscode.QuickPickItemKind.Separator });
      for (const c of commits) {
        const short = c.hash.slice(0, 8);
        items.push({ label: short, description: c.authorDate ? new Date(c.authorDate).toISOString().slice(0, 10) : undefined, detail: c.message.split('\n')[0].slice(0, 80), point: { kind: 'ref', ref: c.hash, label: short, repo } });
      }
    } catch (err) {
      log().warn(`claim listing: log unavailable: ${describeError(err)}`);
    }
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  }
  items.push({ label: '$(file) Choose a file…', description: 'an earlier version of the claims, or a previous listing', file: true });
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Compare the claims with which version? (the last listing filed, or the application as filed)', matchOnDescription: true, matchOnDetail: true });
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

async function save(prepared: PreparedListing, matter: MatterState, format: 'md' | 'docx'): Promise<void> {
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

async function prepare(manager: MatterManager, preview: ListingPreview): Promise<void> {
  const matter = manager.active();
  if (!matter) {
    void vscode.window.showWarningMessage('Open a patent matter (a folder with claims.md) to prepare a claim listing.');
    return;
  }
  await manager.refresh(matter);
  const analysis = matter.analysis;
  const docs = analysis?.matter.documents ?? [];
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

export function registerClaimListing(manager: MatterManager): vscode.Disposable {
  const preview = new ListingPreview();
  const command = vscode.commands.registerCommand('patentDraft.prepareClaimListing', async () => {
    try {
      await prepare(manager, preview);
    } catch (err) {
      log().error(`claim listing failed: ${describeError(err)}`);
      await showError('The claim listing could not be prepared.');
    }
  });
  return vscode.Disposable.from(command, preview);
}
