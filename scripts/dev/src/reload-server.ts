/**
 * Serves the built docs for `pnpm dev` and tells open pages to reload after each rebuild: HTML
 * pages get a tiny script that listens on a server-sent-events stream. Our own few lines because
 * the site is plain static files; a dev-server package (Vite, browser-sync) would bring a bundler
 * and a second file watcher for nothing.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

export const RELOAD_PATH = '/__dev/reload';
const RELOAD_SCRIPT = `<script>new EventSource('${RELOAD_PATH}').addEventListener('reload', () => location.reload());</script>`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface ReloadServer {
  url: string;
  port: number;
  /** Tells every open page to reload. */
  reload(): void;
  close(): Promise<void>;
}

function fileFor(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const path = normalize(join(root, decoded));
  if (path !== normalize(root) && !path.startsWith(normalize(root) + sep)) return undefined;
  try {
    const stat = statSync(path);
    if (stat.isFile()) return path;
    if (stat.isDirectory() && statSync(join(path, 'index.html')).isFile()) return join(path, 'index.html');
  } catch {
    return undefined;
  }
  return undefined;
}

/** Listens on host:port; rejects with the listen error (EADDRINUSE for a busy port). */
export function startReloadServer(options: { root: string; port: number; host: string }): Promise<ReloadServer> {
  const clients = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === RELOAD_PATH) {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = fileFor(options.root, path);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found (is the docs build done?)\n');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    res.setHeader('cache-control', 'no-store');
    if (extname(file) === '.html') {
      const html = readFileSync(file, 'utf8');
      const body = html.includes('</body>') ? html.replace('</body>', `${RELOAD_SCRIPT}</body>`) : html + RELOAD_SCRIPT;
      res.writeHead(200, { 'content-type': type }).end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(200, { 'content-type': type });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${options.host}:${port}/`,
        port,
        reload: () => {
          for (const client of clients) client.write('event: reload\ndata: {}\n\n');
        },
        close: () =>
          new Promise<void>((done) => {
            for (const client of clients) client.end();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
