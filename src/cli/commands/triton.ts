// `patent-draft triton status`: the first thing an administrator runs against a Triton
// deployment — server name and version, the model's readiness, the layout Patent Draft
// recognises, the model's inputs and outputs, and a round-trip time.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, UsageError, type CliCommand, type CliIo } from '../command';
import { TritonClient, describeTensors, type TlsOptions } from '../../inference/index';
import { BENCH_USAGE, LoadError, parseBenchArgs, runBench } from '../../loadtest/index';

const USAGE =
  'patent-draft triton status --endpoint HOST:PORT [--model NAME] [--model-version V] [--tls] [--ca FILE] [--cert FILE --key FILE] [--server-name NAME] [--header "name: value"]... [--timeout MS] [--json]';

const LAYOUT_NOTES: Record<string, string> = {
  'trtllm-ensemble': 'text_input/max_tokens/stream → text_output',
  'trtllm-bls': 'text_input/max_tokens/stream → text_output',
  vllm: 'text_input/stream/sampling_parameters (JSON) → text_output',
  'trtllm-llmapi': 'text_input/streaming/sampling_param_* → text_output',
  custom: 'tensor names from the mapping settings',
};

function readPem(io: CliIo, file: string | undefined, what: string): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(resolve(io.cwd, file));
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${file}: ${(e as Error).message}`);
  }
}

/** `triton bench`: the load tool (src/loadtest); Ctrl-C ends the run and prints what finished. */
async function bench(args: string[], io: CliIo): Promise<number> {
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  try {
    return await runBench(parseBenchArgs(args), io, { signal: stop.signal, tty: process.stderr.isTTY === true });
  } catch (e) {
    if (e instanceof LoadError) throw new UsageError(e.message);
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function status(args: string[], io: CliIo): Promise<number> {
  const { positional, options } = parseArgs(args, {
    strings: ['endpoint', 'model', 'model-version', 'ca', 'cert', 'key', 'server-name', 'timeout'],
    booleans: ['tls', 'json'],
    multi: ['header'],
  });
  if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"`);
  const endpoint = options.endpoint as string | undefined;
  if (!endpoint) throw new UsageError("--endpoint HOST:PORT is required (Triton's gRPC port, default 8001)");
  if (!/:\d+\/?$/.test(endpoint)) throw new UsageError(`--endpoint needs HOST:PORT (Triton's gRPC port, default 8001), got "${endpoint}"`);
  const model = (options.model as string | undefined) ?? 'ensemble';
  const headers: Record<string, string> = {};
  for (const h of (options.header as string[] | undefined) ?? []) {
    const i = h.indexOf(':');
    if (i <= 0) throw new UsageError(`--header needs "name: value", got "${h}"`);
    headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
  }
  const ca = readPem(io, options.ca as string | undefined, 'CA certificate');
  const cert = readPem(io, options.cert as string | undefined, 'client certificate');
  const key = readPem(io, options.key as string | undefined, 'client key');
  if (!!cert !== !!key) throw new UsageError('--cert and --key go together (mutual TLS)');
  const wantTls = options.tls === true || !!ca || !!cert || !!options['server-name'];
  const tls: TlsOptions | false = wantTls ? { ca, cert, key, serverName: options['server-name'] as string | undefined } : false;
  const timeout = options.timeout !== undefined ? Number(options.timeout) : 5000;
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError('--timeout needs a positive number of milliseconds');

  const client = new TritonClient({ endpoints: [endpoint], model, modelVersion: options['model-version'] as string | undefined, tls, headers, callTimeoutMs: timeout });
  try {
    const st = await client.status(0);
    if (options.json) {
      io.stdout(
        JSON.stringify(
          {
            endpoint: st.endpoint,
            tls: st.tls,
            reachable: st.reachable,
            server: st.serverName ? { name: st.serverName, version: st.serverVersion, live: st.live, ready: st.ready, health: st.health } : undefined,
            model: st.model
              ? {
                  name: st.model.name,
                  ready: st.modelReady,
                  version: st.model.version,
                  platform: st.model.platform,
                  backend: st.model.backend,
                  maxBatchSize: st.model.maxBatchSize,
                  decoupled: st.model.decoupled,
                  inputs: st.model.inputs,
                  outputs: st.model.outputs,
                }
              : undefined,
            layout: st.layout ? { kind: st.layout.kind, textMode: st.layout.textMode, streaming: st.layout.streaming } : undefined,
            roundTripMs: st.roundTripMs,
            proxy: st.proxy,
            local: st.local,
            error: st.error?.message ?? st.layoutError?.message,
          },
          null,
          2,
        ) + '\n',
      );
    } else {
      const lines: [string, string][] = [['endpoint', `${st.endpoint} (${st.tls ? 'TLS' : 'plaintext'})`]];
      if (st.proxy) lines.push(['proxy', `${st.proxy.proxy} (from ${st.proxy.from}; the prompt leaves this machine through it)`]);
      if (st.local && !st.local.local) lines.push(['not local', st.local.reason ?? '']);
      if (st.serverName) {
        lines.push(['server', `${st.serverName} ${st.serverVersion}  live=${st.live ? 'yes' : 'no'} ready=${st.ready ? 'yes' : 'no'} health=${st.health}`]);
        lines.push(['round trip', `${st.roundTripMs!.toFixed(2)} ms (ServerReady, median of 5)`]);
      }
      if (st.model) {
        const m = st.model;
        lines.push([
          'model',
          `${m.name}${m.version ? ` v${m.version}` : ''}: ${st.modelReady ? 'ready' : 'NOT ready'}  ${m.platform || m.backend || ''}  max_batch_size=${m.maxBatchSize}  ${m.decoupled ? 'decoupled (streaming)' : 'not decoupled (one response per request)'}`,
        ]);
        if (st.layout)
          lines.push([
            'layout',
            `${st.layout.label} (${st.layout.kind}): ${LAYOUT_NOTES[st.layout.kind]}; text arrives as ${st.layout.textMode === 'accumulated' ? 'the whole text so far (accumulate_tokens)' : 'deltas'}`,
          ]);
        else lines.push(['layout', `not recognised: ${st.layoutError?.message ?? ''}`]);
        lines.push(['inputs', describeTensors(m.inputs) || '(none)']);
        lines.push(['outputs', describeTensors(m.outputs) || '(none)']);
      }
      if (st.error) lines.push(['error', st.error.message]);
      const w = Math.max(...lines.map(([k]) => k.length));
      io.stdout(lines.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n') + '\n');
    }
    return st.reachable && st.modelReady && st.layout && !st.error ? 0 : 1;
  } finally {
    client.close();
  }
}

export const tritonCommand: CliCommand = {
  name: 'triton',
  summary: 'Check a Triton Inference Server endpoint and model (triton status), or load-test it (triton bench)',
  usage: `${USAGE}\n       ${BENCH_USAGE}`,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'status') return status(rest, io);
    if (sub === 'bench') return bench(rest, io);
    throw new UsageError(sub ? `unknown sub-command "${sub}" (known: status, bench)` : 'missing sub-command (known: status, bench)');
  },
};
