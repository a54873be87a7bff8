/**
 * The one place that decides which server the integration suite talks to. Today it starts the
 * spec-example mock on a free port of 127.0.0.1; when @billing-api/sandbox exists, start the sandbox
 * here instead (same interface: a base URL, a valid API key, the requests it received, close()).
 */
import { type RecordedRequest, startMockServer } from './mock-server.js';

export interface BillingTestServer {
  baseUrl: string;
  /** A key the server accepts. */
  apiKey: string;
  /** What the server received, in order. */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startBillingServer(): Promise<BillingTestServer> {
  const apiKey = 'sk_test_integration';
  const server = await startMockServer(apiKey);
  return { ...server, apiKey };
}
