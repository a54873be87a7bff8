// Structured logs: one JSON line per request (method, path, status, ms, requestId, operationId).
// Headers are never logged, so API keys never are; payment-link uuids in paths are credentials too
// ("treat payment URLs as secrets") and are redacted.

export type LogLine = Record<string, unknown>;
export type LogSink = (line: LogLine) => void;

export function redactPath(path: string): string {
  return path
    .replace(/(\/payment-link\/)[^/?]+/g, '$1[redacted]')
    .replace(/(\/sandbox\/checkout\/)[^/?]+/g, '$1[redacted]');
}

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
