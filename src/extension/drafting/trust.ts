// When a drafting request may leave the machine: loopback endpoints are local, anything else is
// not, and plaintext to a non-loopback endpoint deserves one warning. No `vscode` import.

/** The host part of a Triton endpoint ("host:port", "[::1]:8001", "grpc://host:port", "https://host"). */
export function endpointHost(endpoint: string): string {
  let s = endpoint.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  s = s.replace(/\/.*$/, '');
  s = s.replace(/^[^@]*@/, '');
  const bracket = /^\[([^\]]+)\]/.exec(s);
  if (bracket) return bracket[1]!.toLowerCase();
  const colons = (s.match(/:/g) ?? []).length;
  if (colons > 1) return s.toLowerCase(); // a bare IPv6 address
  return s.replace(/:\d*$/, '').toLowerCase();
}

/** Whether an endpoint is this machine (traffic never leaves it). */
export function isLoopbackEndpoint(endpoint: string): boolean {
  const host = endpointHost(endpoint);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  if (/^::ffff:127\./.test(host)) return true;
  return /^127(?:\.\d{1,3}){3}$/.test(host);
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
