// Structured logs: one JSON line per request (method, path, status, ms, requestId, operationId).
// Headers and query strings are never logged, so API keys never are; the path logged is the one
// the responder gives (the operation's path template, or only the spec's own words of an unknown
// path), so payment-link uuids and checkout sessions are never logged either.

export type LogLine = Record<string, unknown>;
export type LogSink = (line: LogLine) => void;

export function createLogger(
  option: boolean | LogSink | undefined,
  stream: NodeJS.WritableStream = process.stdout,
): LogSink {
  if (typeof option === 'function') return option;
  if (!option) return () => {};
  return (line) => {
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
  };
}
