// Where an endpoint's traffic goes: whether a host is this machine (loopback), whether a
// `*.localhost` name really resolves to loopback, and which HTTP CONNECT proxy (if any) grpc-js
// would use for it from the environment. No `vscode` import: the client, the CLI and the
// editor's trust rules use the same answers.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** The host of "host:port", "[v6]:port", "grpc://host:port", "user@host:port" (lower case). */
export function endpointHost(endpoint: string): string {
  let s = endpoint.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = s.indexOf('/');
  if (slash >= 0) s = s.slice(0, slash);
  const at = s.lastIndexOf('@');
  if (at >= 0) s = s.slice(at + 1);
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    return (close > 0 ? s.slice(1, close) : s.slice(1)).toLowerCase();
  }
  const first = s.indexOf(':');
  if (first >= 0 && s.indexOf(':', first + 1) >= 0) return s.toLowerCase(); // a bare IPv6 address
  return (first >= 0 ? s.slice(0, first) : s).toLowerCase();
}

/** Whether an IP address (v4, v6, v4-mapped v6) is a loopback address. */
export function isLoopbackAddress(ip: string): boolean {
  const a = ip.toLowerCase();
  if (isIP(a) === 4) return a.startsWith('127.');
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  if (a.startsWith('::ffff:')) return isLoopbackAddress(a.slice(7));
  return false;
}

/** How a host looks before any lookup: a loopback address or "localhost" (local), a
 * `*.localhost` name (local only if it resolves to loopback), or anything else (remote). */
export function hostKind(host: string): 'loopback' | 'localhost-name' | 'remote' {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || isLoopbackAddress(h)) return 'loopback';
  if (h.endsWith('.localhost')) return 'localhost-name';
  return 'remote';
}

export interface LocalCheck {
  endpoint: string;
  host: string;
  /** Traffic to the endpoint stays on this machine. */
  local: boolean;
  /** Addresses the name resolved to (for `*.localhost` names). */
  addresses?: string[];
  /** Why it is not local, for a `*.localhost` name (shown to the user). */
  reason?: string;
}

export type Lookup = (host: string) => Promise<string[]>;
const MAX_ADDRESSES = 16;
const defaultLookup: Lookup = async (host) => (await dnsLookup(host, { all: true, verbatim: true })).slice(0, MAX_ADDRESSES).map((a) => a.address);

/**
 * Whether an endpoint is this machine. A `*.localhost` name counts only when every address it
 * resolves to is loopback (a resolver or /etc/hosts may send it anywhere); the lookup is bounded
 * by `timeoutMs`.
 */
export async function checkLocal(endpoint: string, lookup: Lookup = defaultLookup, timeoutMs = 2000): Promise<LocalCheck> {
  const host = endpointHost(endpoint);
  const kind = hostKind(host);
  if (kind !== 'localhost-name') return { endpoint, host, local: kind === 'loopback' };
  let timer: NodeJS.Timeout | undefined;
  try {
    const addresses = await Promise.race([
      lookup(host),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    const shown = addresses.slice(0, MAX_ADDRESSES);
    if (!shown.length) return { endpoint, host, local: false, addresses: [], reason: `${host} resolves to no address, so it is not treated as this machine` };
    const remote = shown.filter((a) => !isLoopbackAddress(a));
    if (remote.length)
      return { endpoint, host, local: false, addresses: shown, reason: `${host} resolves to ${remote.join(', ')}, not to this machine (loopback), so it is treated as a remote endpoint` };
    return { endpoint, host, local: true, addresses: shown };
  } catch (e) {
    return { endpoint, host, local: false, reason: `${host} could not be resolved (${(e as Error).message.slice(0, 120)}), so it is not treated as this machine` };
  } finally {
    if (timer) clearTimeout(timer);
  }
}

export interface ProxyChoice {
  /** host:port of the proxy (never its credentials). */
  proxy: string;
  /** The environment variable it came from. */
  from: string;
}

type Env = Record<string, string | undefined>;

/**
 * The HTTP CONNECT proxy grpc-js would take for `host` from the environment (grpc_proxy, then
 * https_proxy, then http_proxy; no_grpc_proxy or else no_proxy exempt hosts), or undefined.
 * Credentials in the proxy URL are never returned.
 */
export function proxyFromEnv(host: string, env: Env = process.env): ProxyChoice | undefined {
  const from = env.grpc_proxy ? 'grpc_proxy' : env.https_proxy ? 'https_proxy' : env.http_proxy ? 'http_proxy' : undefined;
  if (!from) return undefined;
  let url: URL;
  try {
    url = new URL(env[from]!);
  } catch {
    return undefined; // grpc-js ignores a value it cannot parse
  }
  if (url.protocol !== 'http:') return undefined; // and any scheme but http:
  const noProxy = env.no_grpc_proxy || env.no_proxy;
  if (noProxy) {
    for (const entry of noProxy.split(',').slice(0, 256)) {
      const e = entry.trim();
      if (!e) continue;
      if (e.includes('/') ? inCidr(host, e) : host.endsWith(e)) return undefined;
    }
  }
  return { proxy: `${url.hostname}:${url.port || '80'}`, from };
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

function inCidr(host: string, cidr: string): boolean {
  const [ip, len] = cidr.split('/');
  const bits = Number(len);
  if (isIP(host) !== 4 || isIP(ip) !== 4 || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(ipv4ToInt(host) / size) === Math.floor(ipv4ToInt(ip) / size);
}
