// Shared helpers of the protocol tests: TLS material made with the openssl CLI, a raw
// grpc-js client for talking to the test server directly, and small async utilities.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadTritonProto } from '../../src/inference/proto';
import { TritonClient } from '../../src/inference/client';
import { InferenceError } from '../../src/inference/errors';
import { FakeTriton } from './server/triton-server';

export interface TlsMaterial {
  dir: string;
  ca: Buffer;
  serverKey: Buffer;
  serverCert: Buffer;
  clientKey: Buffer;
  clientCert: Buffer;
  /** A second CA that signed nothing we use: a client trusting it must fail the handshake. */
  otherCa: Buffer;
  cleanup(): void;
}

export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** CA, server certificate for 127.0.0.1/localhost, client certificate; EC P-256, 1 day. */
export function makeTlsMaterial(): TlsMaterial {
  const dir = mkdtempSync(join(tmpdir(), 'pd-tls-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const newKey = (name: string) => run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
  for (const ca of ['ca', 'other-ca']) {
    run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${ca}.key`, '-out', `${ca}.crt`, '-days', '1', '-subj', `/CN=Patent Draft test ${ca}`);
  }
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const who of ['server', 'client']) {
    newKey(who);
    run('x509', '-req', '-in', `${who}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${who}.crt`, '-days', '1', '-extfile', `${who}.ext`);
  }
  const rd = (f: string) => readFileSync(join(dir, f));
  return {
    dir,
    ca: rd('ca.crt'),
    otherCa: rd('other-ca.crt'),
    serverKey: rd('server.key'),
    serverCert: rd('server.crt'),
    clientKey: rd('client.key'),
    clientCert: rd('client.crt'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export type RawStub = grpc.Client &
  Record<string, (...a: unknown[]) => unknown> & {
    ModelStreamInfer(md?: grpc.Metadata): grpc.ClientDuplexStream<unknown, RawStreamResponse>;
  };
export interface RawStreamResponse {
  error_message: string;
  infer_response: null | {
    id: string;
    parameters: Record<string, { bool_param?: boolean }>;
    outputs: { name: string; shape: string[] }[];
    raw_output_contents: Buffer[];
  };
}

export function rawClient(address: string): RawStub {
  const p = loadTritonProto();
  return new p.GRPCInferenceService(address, grpc.credentials.createInsecure()) as unknown as RawStub;
}

/** Sends requests on one stream and collects responses until `until` says stop (bounded). */
export function collectStream(stub: RawStub, requests: unknown[], until: (all: RawStreamResponse[]) => boolean, timeoutMs = 3000): Promise<{ responses: RawStreamResponse[]; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const call = stub.ModelStreamInfer();
    const responses: RawStreamResponse[] = [];
    const timer = setTimeout(() => {
      call.cancel();
      resolve({ responses, timedOut: true });
    }, timeoutMs);
    call.on('data', (r: RawStreamResponse) => {
      responses.push(r);
      if (until(responses)) {
        clearTimeout(timer);
        call.end();
        resolve({ responses, timedOut: false });
      }
    });
    call.on('error', (e) => {
      clearTimeout(timer);
      if ((e as grpc.ServiceError).code === grpc.status.CANCELLED) return;
      reject(e);
    });
    for (const r of requests) call.write(r);
  });
}

export const isFinal = (r: RawStreamResponse) => r.infer_response?.parameters?.triton_final_response?.bool_param === true;

/** What `p` rejects with; fails the test if it fulfils. */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  assert.fail('expected a rejection');
}

/** `p` rejects with an InferenceError of `code` (and a message matching `re`); returns it. */
export async function expectError(p: Promise<unknown>, code: string, re?: RegExp): Promise<InferenceError> {
  const e = await rejection(p);
  assert.ok(e instanceof InferenceError, `not an InferenceError: ${String(e)}`);
  assert.equal(e.code, code, `code ${e.code}: ${e.message}`);
  if (re) assert.match(e.message, re);
  return e;
}

/** Polls `cond` every 5 ms, at most `ms`. */
export async function waitFor(cond: () => boolean, ms = 2000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return cond();
}

/** Test servers and clients that a file's root `after` hook closes: start(), connect(). */
export function fleet(defaults: () => Parameters<typeof FakeTriton.start>[0]) {
  const servers: FakeTriton[] = [];
  const clients: TritonClient[] = [];
  after(async () => {
    for (const c of clients) c.close();
    for (const s of servers) await s.close();
  });
  return {
    async start(opts: Parameters<typeof FakeTriton.start>[0] = defaults()): Promise<FakeTriton> {
      const s = await FakeTriton.start(opts);
      servers.push(s);
      return s;
    },
    connect(opts: ConstructorParameters<typeof TritonClient>[0]): TritonClient {
      const c = new TritonClient(opts);
      clients.push(c);
      return c;
    },
  };
}

/** The test server's settings back to a plain fast server. */
export const resetSettings = (s: FakeTriton) => {
  s.settings = { firstTokenDelayMs: 0, tokenDelayMs: 0 };
};
