// When a drafting request may leave the machine: loopback endpoints are local, anything else is
// not, and plaintext to a non-loopback endpoint deserves one warning. No `vscode` import.
// Host parsing and the loopback rules are the inference client's (src/inference/net.ts), so the
// trust rules and the client's proxy choice agree.
import { checkLocal, endpointHost, hostKind, type LocalCheck, type Lookup } from '../inference/net';

export { endpointHost };

/** Whether an endpoint is this machine without a lookup: a loopback address or "localhost".
 * A `*.localhost` name is not: it counts only once it resolves to loopback (see below). */
export function isLoopbackEndpoint(endpoint: string): boolean {
  return hostKind(endpointHost(endpoint)) === 'loopback';
}

/** Whether an endpoint is reached with TLS: a `grpcs://`/`https://` scheme or TLS settings. */
export function usesTls(endpoint: string, tlsConfigured: boolean): boolean {
  if (/^(?:grpcs|https):\/\//i.test(endpoint.trim())) return true;
  if (/^(?:grpc|http):\/\//i.test(endpoint.trim())) return tlsConfigured;
  return tlsConfigured;
}

/** Endpoints that send the matter's text in the clear over a network: warn before the first use. */
export function plaintextRemoteEndpoints(endpoints: string[], tlsConfigured: boolean): string[] {
  return endpoints.filter((e) => !isLoopbackEndpoint(e) && !usesTls(e, tlsConfigured));
}

/** The same, with each `*.localhost` name resolved: local only if every address is loopback.
 * `notes` gets the reason for each such name that is not (to show the user). */
export async function plaintextRemoteEndpointsResolved(endpoints: string[], tlsConfigured: boolean, notes: LocalCheck[] = [], lookup?: Lookup): Promise<string[]> {
  const out: string[] = [];
  for (const e of plaintextRemoteEndpoints(endpoints, tlsConfigured)) {
    if (hostKind(endpointHost(e)) === 'localhost-name') {
      const c = await checkLocal(e, lookup);
      if (c.local) continue;
      notes.push(c);
    }
    out.push(e);
  }
  return out;
}
