/**
 * A real npm registry (Verdaccio) on 127.0.0.1 and a free port, with no uplink: what it serves is
 * exactly what the rehearsal published to it, so a package that needs anything else fails to
 * install instead of quietly reaching the public registry.
 */
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runServer } from 'verdaccio';

export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/`, built at run time. */
  url: string;
  /** The `.npmrc` lines that point npm and pnpm at it, with a publish token. */
  npmrc: string;
  /** Publishes one version from a tarball over the registry's own publish protocol. */
  publishTarball(manifest: Record<string, unknown>, tarball: Buffer): Promise<void>;
  /** The packument (every version's manifest) of one package. */
  packument(name: string): Promise<{ versions: Record<string, Record<string, unknown>> }>;
  close(): Promise<void>;
}

export async function startLocalRegistry(dir: string): Promise<LocalRegistry> {
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const server: Server = await runServer({
    self_path: join(dir, 'config.yaml'),
    storage: join(dir, 'storage'),
    auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 10 } },
    uplinks: {},
    packages: { '**': { access: '$all', publish: '$authenticated', unpublish: '$authenticated' } },
    publish: { allow_offline: true },
    max_body_size: '300mb',
    web: { enable: false },
    log: { type: 'stdout', format: 'pretty', level: 'error' },
    // biome-ignore lint/suspicious/noExplicitAny: Verdaccio's ConfigYaml type wants every optional section.
  } as any);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  const token = await addUser(url);
  const authLine = `//127.0.0.1:${port}/:_authToken=${token}`;

  const request = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(path, url), {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });
    if (!response.ok)
      throw new Error(`registry ${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return response;
  };

  return {
    url,
    npmrc: `registry=${url}\n${authLine}\n`,
    async publishTarball(manifest, tarball) {
      const name = String(manifest.name);
      const version = String(manifest.version);
      const file = `${name.replace(/^@[^/]+\//, '')}-${version}.tgz`;
      const body = {
        _id: name,
        name,
        'dist-tags': { latest: version },
        versions: {
          [version]: {
            ...manifest,
            _id: `${name}@${version}`,
            dist: { ...(manifest.dist as object), tarball: new URL(`${name}/-/${file}`, url).href },
          },
        },
        _attachments: {
          [file]: {
            content_type: 'application/octet-stream',
            data: tarball.toString('base64'),
            length: tarball.length,
          },
        },
      };
      await request(encodeURIComponent(name).replace('%40', '@'), { method: 'PUT', body: JSON.stringify(body) });
    },
    async packument(name) {
      return (await request(encodeURIComponent(name).replace('%40', '@'))).json() as Promise<{
        versions: Record<string, Record<string, unknown>>;
      }>;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** `npm adduser` against the registry: creates the publishing user and returns its token. */
async function addUser(url: string): Promise<string> {
  const name = 'rehearsal';
  const response = await fetch(new URL(`-/user/org.couchdb.user:${name}`, url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: 'rehearsal-only', email: 'rehearsal@127.0.0.1', type: 'user' }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token) throw new Error(`registry adduser: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}
