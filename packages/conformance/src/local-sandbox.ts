// Starts a fresh @billing-api/sandbox on a free port of 127.0.0.1 for a run without --base-url.
// Payments are held for a minute of sandbox time so "while the payment is processing" scenarios do
// not race the settlement; the scenarios move the sandbox clock where they need time to pass.
export interface LocalSandbox {
  url: string;
  close(): Promise<void>;
}

export async function startLocalSandbox(): Promise<LocalSandbox> {
  const { startSandbox } = await import('@billing-api/sandbox');
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', paymentDelayMs: 60_000, log: false });
  return { url: sandbox.url, close: () => sandbox.close() };
}
