// What answers a request, as the HTTP layer above sees it: the API (dispatch.ts) and the control
// routes each implement `Responder`. The pipeline hands over a parsed request and writes the reply
// it gets back; it renders no body of its own, so each API version (and the control routes) owns its
// wire shapes, errors included.
import type { IncomingHttpHeaders } from 'node:http';

/** The path and query of a request target. */
export interface Target {
  pathname: string;
  searchParams: URLSearchParams;
}

export type BodyResult =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType: string }
  | { kind: 'other'; text: string; contentType: string }
  /** `reason` completes "the body ...". */
  | { kind: 'invalid'; reason: string }
  | { kind: 'too_large'; limit: number };

export interface HttpRequest {
  /** Upper case. */
  method: string;
  target: Target;
  headers: IncomingHttpHeaders;
  remoteAddress: string;
  /** Reads the body (once; at most the configured limit). */
  body(): Promise<BodyResult>;
}

export interface HttpReply {
  status: number;
  requestId: string;
  /** The body and its media type (`application/json` when absent); no body when absent. */
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** For the request log: a path with nothing secret in it, and the operation it matched. */
  logPath: string;
  operationId?: string;
}

/** Why the pipeline answers without passing a request on. */
export type Refusal = 'unreadable_target' | 'crash';

export interface Responder {
  handle(request: HttpRequest): Promise<HttpReply>;
  /** The answer when the target cannot be read, or when handling threw: never a crash, never a stack trace. */
  refuse(request: { method: string; path: string | undefined }, why: Refusal): HttpReply;
}
