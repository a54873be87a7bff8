/**
 * The servers the spec lists, as the pages offer them to the reader: the samples read the chosen
 * one from `$BILLING_API_URL`, and the local sandbox (a loopback server) is the one to try things on.
 */
import type { OpenApiDocument } from '@billing-api/openapi-model';

export interface ApiServer {
  url: string;
  description: string;
  /** A loopback server: the local sandbox. */
  local: boolean;
}

export function apiServers(document: OpenApiDocument): ApiServer[] {
  const servers = (document.servers ?? []).map((server) => ({
    url: server.url.replace(/\/$/, ''),
    description: (server.description ?? '').trim(),
    local: /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(`${server.url}/`),
  }));
  if (servers.length === 0) throw new Error('the spec lists no server: the samples need one to point at');
  return servers;
}

/** The local sandbox's server, else the first one listed. */
export function sandboxServer(servers: ApiServer[]): ApiServer {
  return servers.find((server) => server.local) ?? servers[0]!;
}
