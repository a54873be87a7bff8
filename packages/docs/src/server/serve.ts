/**
 * The static file server of the built site (node:http, our own ~150 lines: a static host needs
 * only file lookup, content negotiation and caching, and a framework would add a dependency for no
 * feature we use). It answers every request, however malformed: a target that is no path is 400, a
 * missing file 404, and an error anywhere in a request 500, after which it keeps serving. It sends
 * the precompressed `.br` / `.gz` a client accepts, ETags and cache headers, and serves
 * `errors/<code>` (the problem `type` URI) from `errors/<code>.html`.
 */
import { type Stats, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { ENCODINGS } from '../site/compress.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
};

/** Pages may change with every build: revalidate (cheap, ETag). Assets change rarely: a day. */
export function cacheControl(path: string): string {
  return /(^|\/)assets\//.test(path) ? 'public, max-age=86400' : 'public, max-age=0, must-revalidate';
}

export interface StaticServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

type Found = { kind: 'file'; path: string; stat: Stats } | { kind: 'redirect'; location: string };

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The path of a request target (origin-form, or absolute-form), or undefined when it has none. */
export function targetPath(target: string): string | undefined {
  let path = target;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    try {
      path = new URL(path).pathname;
    } catch {
      return undefined;
    }
  }
  if (!path.startsWith('/')) return undefined;
  path = path.split(/[?#]/, 1)[0]!;
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/** What a decoded URL path maps to inside `root`, or undefined (missing, or outside the root). */
export function resolveFile(root: string, urlPath: string): Found | undefined {
  if (urlPath.includes('\0')) return undefined;
  const base = normalize(root);
  const path = normalize(join(base, urlPath));
  if (path !== base && !path.startsWith(base + sep)) return undefined;
  const stat = statOrUndefined(path);
  if (stat?.isFile()) return { kind: 'file', path, stat };
  if (stat?.isDirectory()) {
    // Relative links inside an index page need the trailing slash.
    if (!urlPath.endsWith('/')) return { kind: 'redirect', location: `${urlPath}/` };
    const index = join(path, 'index.html');
    const indexStat = statOrUndefined(index);
    return indexStat?.isFile() ? { kind: 'file', path: index, stat: indexStat } : undefined;
  }
  if (extname(path) === '' && !urlPath.endsWith('/')) {
    const html = `${path}.html`;
    const htmlStat = statOrUndefined(html);
    if (htmlStat?.isFile()) return { kind: 'file', path: html, stat: htmlStat };
  }
  return undefined;
}

/** The encodings a client accepts (`br`, `gzip`), honouring `;q=0`. */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(`${text}\n`);
}

async function handle(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return plain(res, 405, 'Method not allowed', { allow: 'GET, HEAD' });
  const urlPath = targetPath(req.url ?? '');
  if (urlPath === undefined) return plain(res, 400, 'Bad request target');
  const found = resolveFile(root, urlPath);
  if (!found) return plain(res, 404, 'Not found');
  if (found.kind === 'redirect') {
    res.writeHead(301, { location: encodeURI(found.location), 'cache-control': 'public, max-age=3600' });
    res.end();
    return;
  }
  const etag = `W/"${found.stat.size.toString(16)}-${Math.floor(found.stat.mtimeMs).toString(16)}"`;
  const headers: Record<string, string> = {
    'content-type': TYPES[extname(found.path)] ?? 'application/octet-stream',
    'cache-control': cacheControl(urlPath),
    etag,
    vary: 'Accept-Encoding',
    'x-content-type-options': 'nosniff',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const accepted = acceptedEncodings(req.headers['accept-encoding'] as string | undefined);
  let file = found.path;
  for (const encoding of ENCODINGS) {
    if (accepted.has(encoding.name) && statOrUndefined(`${found.path}${encoding.ext}`)?.isFile()) {
      file = `${found.path}${encoding.ext}`;
      headers['content-encoding'] = encoding.name;
      break;
    }
  }
  const body = await readFile(file);
  headers['content-length'] = String(body.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Runs `handle`; anything it throws is answered 500 (or ends the response) and logged, never fatal. */
function guarded(root: string, log: (line: string) => void) {
  return (req: IncomingMessage, res: ServerResponse) => {
    handle(root, req, res).catch((error: unknown) => {
      log(`docs server: ${req.method} ${JSON.stringify(req.url)} failed: ${(error as Error)?.message ?? error}`);
      if (res.headersSent) res.destroy();
      else plain(res, 500, 'Internal server error');
    });
  };
}

export async function startStaticServer(options: {
  root: string;
  port?: number;
  host?: string;
  log?: (line: string) => void;
}): Promise<StaticServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => console.error(line));
  const server = createServer(guarded(options.root, log));
  // A request node cannot even parse (bad request line, huge headers) still gets an answer.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
