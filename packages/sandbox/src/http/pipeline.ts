// The HTTP pipeline, in the order a request meets it: the target (read without throwing), CORS, the
// responder (the API or the control routes), and the one place that writes a reply: request id,
// rate-limit and CORS headers, content type and length, no caching. It renders no body of its own:
// when the target cannot be read or the responder throws, the responder's `refuse` answers, so a
// request of any shape gets an answer in the wire format of its path and the server keeps running.
// A body over the limit is answered (413) before it has all arrived, and the rest is read and thrown
// away (node:http does, once the answer is sent) so the client sees the answer rather than a reset;
// a client that keeps sending far past that is cut off.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyResult, HttpReply, HttpRequest, Responder } from '../api/responder.js';
import { readBody } from './body.js';
import { corsHeaders } from './cors.js';
import type { LogSink } from './logger.js';
import { parseTarget } from './target.js';

export interface PipelineOptions {
  /** Answers `/sandbox/...` (control) and everything else (the API). */
  route(path: string): Responder;
  fallback: Responder;
  corsAllowed: (origin: string) => boolean;
  /** Methods a CORS preflight allows. */
  corsMethods: readonly string[];
  log: LogSink;
  /** Whether to write the per-request log line (skipping it costs nothing when logs are off). */
  logRequests: boolean;
  maxBodyBytes: number;
  /** Requests being handled right now (graceful shutdown waits for them; tests observe it). */
  stats: { inFlight: number };
}

/** How much, and for how long, the rest of an over-limit body is still read (and dropped) before the connection is cut. */
const DRAIN = { bytes: 64 * 1024 * 1024, ms: 10_000 };

function boundDrain(req: IncomingMessage): void {
  if (req.readableEnded) return;
  let seen = 0;
  const cut = () => {
    clearTimeout(timer);
    req.socket.destroy();
  };
  const timer = setTimeout(cut, DRAIN.ms);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > DRAIN.bytes) cut();
  });
  req.on('end', () => clearTimeout(timer));
  req.on('error', cut);
}

export function createRequestListener(options: PipelineOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const target = parseTarget(req.url);
    const cors = corsHeaders(req.headers.origin, options.corsAllowed, method === 'OPTIONS', options.corsMethods);
    let tooLarge = false;
    options.stats.inFlight++;
    res.on('close', () => options.stats.inFlight--);

    const write = (reply: HttpReply) => {
      const headers: Record<string, string> = {
        ...cors,
        ...(reply.headers ?? {}),
        'X-Request-Id': reply.requestId,
        'Cache-Control': 'no-store',
        'Content-Length': String(reply.body === undefined ? 0 : Buffer.byteLength(reply.body)),
      };
      if (reply.body !== undefined)
        headers['Content-Type'] = `${reply.contentType ?? 'application/json'}; charset=utf-8`;
      res.writeHead(reply.status, headers);
      res.end(reply.body);
      if (tooLarge) boundDrain(req);
      if (options.logRequests) {
        options.log({
          level: 'info',
          msg: 'request',
          method,
          path: reply.logPath,
          status: reply.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
          requestId: reply.requestId,
          ...(reply.operationId ? { operationId: reply.operationId } : {}),
        });
      }
    };

    if (!target) {
      write(options.fallback.refuse({ method, path: undefined }, 'unreadable_target'));
      return;
    }
    const responder = options.route(target.pathname);
    const request: HttpRequest = {
      method,
      target,
      headers: req.headers,
      remoteAddress: req.socket.remoteAddress ?? 'unknown',
      body: async (): Promise<BodyResult> => {
        const body = await readBody(req, options.maxBodyBytes);
        if (body.kind === 'too_large') tooLarge = true;
        return body;
      },
    };
    responder
      .handle(request)
      .catch((error: unknown) => {
        options.log({ level: 'error', msg: 'unhandled error', error: String(error) });
        return responder.refuse({ method, path: target.pathname }, 'crash');
      })
      .then(write)
      .catch((error: unknown) => {
        options.log({ level: 'error', msg: 'could not write response', error: String(error) });
        if (!res.headersSent) res.writeHead(500, { 'Content-Length': '0' });
        res.end();
      });
  };
}
