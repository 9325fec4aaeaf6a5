// `patent-draft generate abstract|dependent|continue|claim MATTER`: drafts with the built-in
// engine (default) or a Triton endpoint and streams the text to stdout as it arrives; findings
// on generated claims and (with --sources) the passages used go to stderr. Exit 0 on success,
// 1 when drafting fails (the reason on stderr), 2 for bad usage or unreadable input.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeMatter, type Analysis, type Matter } from '../../core';
import {
  BuiltinBackend,
  ChatTemplateError,
  DraftError,
  MAX_CHAT_TEMPLATE_BYTES,
  PROMPT_FORMATS,
  TASK_KINDS,
  TritonBackend,
  buildPrompt,
  isPromptFormat,
  parseChatTemplate,
  promptTemplatePath,
  type ChatTemplate,
  type DraftContext,
  type DraftingBackend,
  type DraftSource,
  type DraftTask,
  type DraftTaskKind,
} from '../../drafting';
import { TritonClient, type TlsOptions } from '../../inference/index';
import { InputError, readRegularFile } from '../../node/safeFs';
import { readMatterTextFile } from '../../node/workspace';
import { parseArgs, UsageError, type CliCommand, type CliIo } from '../command';
import { mattersFor } from './shared';

const USAGE =
  'patent-draft generate abstract|dependent|continue|claim MATTER [--claim N] [--text "partial claim"] [--passage "text" | --from-line N] [--count N] [--context-tokens N] [--backend builtin|triton] [--endpoint HOST:PORT --model NAME [--model-version V] [--tls] [--ca FILE] [--header "name: value"]... [--max-tokens N] [--timeout MS] [--first-token-timeout MS] [--idle-timeout MS]] [--show-prompt] [--sources]';

function positiveInt(v: unknown, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} needs a positive whole number, not "${String(v)}"`);
  return n;
}

function where(io: CliIo, s: DraftSource): string {
  const rel = s.uri.startsWith(io.cwd + '/') ? s.uri.slice(io.cwd.length + 1) : s.uri;
  return `${rel}:${s.range.start.line + 1}`;
}

/** The disclosure line `line` (1-based) of the matter, as a passage with its source. */
function passageAtLine(analysis: Analysis, line: number): { text: string; source: DraftSource } {
  for (const part of analysis.disclosure) {
    const layout = analysis.layoutOf(part.uri)!;
    if (line - 1 >= layout.lines.lineCount) continue;
    const start = layout.lines.lineStart(line - 1);
    const end = layout.lines.lineEnd(line - 1);
    if (start < part.start || end > part.end) continue;
    const text = layout.md.text
      .slice(start, end)
      .replace(/^\s*(?:[-*+]|\d+[.)])?\s*/, '')
      .trim();
    if (!text || text.startsWith('#')) throw new UsageError(`line ${line} of the disclosure is ${text ? 'a heading' : 'blank'}; give a line with a passage`);
    return { text, source: { uri: part.uri, range: layout.lines.range(start, end), excerpt: text.length > 200 ? text.slice(0, 199) + '…' : text } };
  }
  throw new UsageError(`line ${line} is not in the matter's disclosure (the description, not the claims or the abstract)`);
}

/** The matter's own prompt template: a regular file inside the matter only (src/node), else none. */
function readTemplate(matter: Matter, kind: DraftTaskKind): Promise<string | undefined> {
  return readMatterTextFile(join(matter.root, promptTemplatePath(kind)), matter.root).catch(() => undefined);
}

export const generateCommand: CliCommand = {
  name: 'generate',
  summary: 'Draft an abstract, dependent claims, the rest of a claim or a claim from a passage (streams to stdout)',
  usage: USAGE,
  async run(args, io) {
    const { positional, options } = parseArgs(args, {
      strings: [
        'claim',
        'text',
        'passage',
        'from-line',
        'count',
        'context-tokens',
        'backend',
        'endpoint',
        'model',
        'model-version',
        'ca',
        'max-tokens',
        'timeout',
        'first-token-timeout',
        'idle-timeout',
        'server-name',
        'prompt-format',
        'chat-template',
      ],
      booleans: ['show-prompt', 'sources', 'tls'],
      multi: ['header'],
    });
    const [kind, ...paths] = positional;
    if (!kind) throw new UsageError(`name a task: ${TASK_KINDS.join(', ')}`);
    if (!(TASK_KINDS as string[]).includes(kind)) throw new UsageError(`unknown task "${kind}" (known: ${TASK_KINDS.join(', ')})`);
    if (paths.length !== 1) throw new UsageError(paths.length ? 'give one matter (a file or a folder)' : 'give the matter: a file or a folder');
    const backendName = (options.backend as string | undefined) ?? 'builtin';
    if (backendName !== 'builtin' && backendName !== 'triton') throw new UsageError(`--backend must be "builtin" or "triton", not "${backendName}"`);
    const claimNo = positiveInt(options.claim, 'claim');
    const count = positiveInt(options.count, 'count');
    const contextTokens = positiveInt(options['context-tokens'], 'context-tokens');
    const maxTokens = positiveInt(options['max-tokens'], 'max-tokens');
    const fromLine = positiveInt(options['from-line'], 'from-line');
    if ((kind === 'dependent' || kind === 'continue') && claimNo === undefined) throw new UsageError(`${kind} needs --claim N`);
    if (kind === 'claim' && (options.passage === undefined) === (fromLine === undefined)) throw new UsageError('claim needs --passage "text" or --from-line N (one of them)');

    const formatName = (options['prompt-format'] as string | undefined) ?? (options['chat-template'] !== undefined ? 'template' : 'raw');
    if (!isPromptFormat(formatName)) throw new UsageError(`--prompt-format must be one of ${PROMPT_FORMATS.join(', ')}, not "${formatName}"`);
    if (formatName === 'template' && options['chat-template'] === undefined)
      throw new UsageError("--prompt-format template needs --chat-template FILE (the model's tokenizer_config.json, or a Jinja chat template)");
    if (formatName !== 'template' && options['chat-template'] !== undefined) throw new UsageError(`--chat-template is used with --prompt-format template, not ${formatName}`);
    let chatTemplate: ChatTemplate | undefined;
    if (options['chat-template'] !== undefined) {
      const file = String(options['chat-template']);
      try {
        // A regular file, at most 1 MB, never a FIFO or a device.
        const { bytes } = await readRegularFile(resolve(io.cwd, file), { maxBytes: MAX_CHAT_TEMPLATE_BYTES, shown: file, what: 'chat templates' });
        chatTemplate = parseChatTemplate(bytes.toString('utf8'), file);
      } catch (e) {
        if (e instanceof InputError || e instanceof ChatTemplateError) throw new UsageError(e.message);
        throw e;
      }
    }

    const matters = await mattersFor(paths, io.cwd, {});
    if (matters.length !== 1)
      throw new UsageError(matters.length ? `${paths[0]} holds ${matters.length} matters; name one file or folder` : `no matter found in ${paths[0]} (no claims or disclosure Markdown)`);
    const matter = matters[0];
    const analysis = analyzeMatter(matter);

    let task: DraftTask;
    if (kind === 'abstract') task = { kind };
    else if (kind === 'dependent') task = { kind, claim: claimNo!, ...(count ? { count } : {}) };
    else if (kind === 'continue') task = { kind, claim: claimNo!, ...(typeof options.text === 'string' ? { text: options.text } : {}) };
    else if (fromLine !== undefined) {
      const p = passageAtLine(analysis, fromLine);
      task = { kind: 'claim', passage: p.text, passageSource: p.source };
    } else task = { kind: 'claim', passage: String(options.passage) };

    const templates: DraftContext['templates'] = {};
    const own = await readTemplate(matter, task.kind);
    if (own !== undefined) templates[task.kind] = own;
    const ctx: DraftContext = {
      analysis,
      templates,
      chat: { format: formatName, template: chatTemplate },
      settings: { ...(contextTokens ? { contextTokens } : {}), ...(maxTokens ? { maxTokens } : {}), ...(count ? { dependentCount: count } : {}) },
    };

    try {
      if (options['show-prompt']) {
        io.stdout(buildPrompt(task, ctx).text.replace(/\n?$/, '\n'));
        return 0;
      }
      let client: TritonClient | undefined;
      let backend: DraftingBackend;
      if (backendName === 'triton') {
        const endpoint = options.endpoint as string | undefined;
        if (!endpoint) throw new UsageError("--backend triton needs --endpoint HOST:PORT (Triton's gRPC port, default 8001)");
        const headers: Record<string, string> = {};
        for (const h of (options.header as string[] | undefined) ?? []) {
          const i = h.indexOf(':');
          if (i <= 0) throw new UsageError(`--header needs "name: value", got "${h}"`);
          headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
        }
        let ca: Buffer | undefined;
        if (options.ca) {
          try {
            ca = readFileSync(resolve(io.cwd, String(options.ca)));
          } catch (e) {
            throw new UsageError(`cannot read CA certificate ${String(options.ca)}: ${(e as Error).message}`);
          }
        }
        const tls: TlsOptions | false = options.tls === true || ca || options['server-name'] ? { ca, serverName: options['server-name'] as string | undefined } : false;
        // --timeout bounds every call and each whole generation (streams included).
        const timeout = positiveInt(options.timeout, 'timeout');
        const firstToken = positiveInt(options['first-token-timeout'], 'first-token-timeout');
        const idle = positiveInt(options['idle-timeout'], 'idle-timeout');
        client = new TritonClient({
          endpoints: [endpoint],
          model: (options.model as string | undefined) ?? 'ensemble',
          modelVersion: options['model-version'] as string | undefined,
          tls,
          headers,
          ...(timeout ? { callTimeoutMs: timeout, generationTimeoutMs: timeout } : {}),
          ...(firstToken ? { firstTokenTimeoutMs: firstToken } : {}),
          ...(idle ? { idleTimeoutMs: idle } : {}),
        });
        backend = new TritonBackend(client);
      } else backend = new BuiltinBackend();

      let out = '';
      const sources: DraftSource[] = [];
      const notes: string[] = [];
      try {
        for await (const chunk of backend.generate(task, ctx)) {
          if (chunk.text) io.stdout(chunk.text);
          out += chunk.text;
          for (const s of chunk.source ?? []) if (!sources.some((x) => x.uri === s.uri && x.range.start.offset === s.range.start.offset)) sources.push(s);
          for (const f of chunk.findings ?? []) notes.push(`${f.severity}: ${f.claim !== undefined ? `claim ${f.claim}: ` : ''}${f.message} [${f.code}]`);
        }
      } finally {
        client?.close();
      }
      if (!out.trim()) {
        io.stderr(`patent-draft generate: nothing to suggest for this ${task.kind} task from the matter's text\n`);
        return 1;
      }
      io.stdout('\n');
      for (const n of notes) io.stderr(n + '\n');
      if (options.sources) for (const s of sources) io.stderr(`source: ${where(io, s)}${s.excerpt ? `: ${s.excerpt}` : ''}\n`);
      return 0;
    } catch (err) {
      if (err instanceof DraftError) {
        io.stderr(`${err.code === 'backend' || err.code === 'cancelled' ? '\n' : ''}patent-draft generate: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
  },
};
