/**
 * `decodePdf()`: the API sends PDFs (credit notes, invoices) as base64 inside JSON (`PdfDocument`).
 * This turns one into bytes with web-standard `atob` (Node 16+, browsers, edge) and checks that the
 * result is a PDF of the announced size, so a truncated or mislabelled document fails loudly here
 * rather than later in a PDF viewer.
 */
import type { PdfDocument } from '@billing-api/types';
import { BillingError } from './errors.js';

export function decodePdf(doc: PdfDocument): Uint8Array {
  let binary: string;
  try {
    binary = atob(doc.contentBase64);
  } catch {
    throw new BillingError(`${doc.filename}: contentBase64 is not valid base64`);
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  if (!binary.startsWith('%PDF-'))
    throw new BillingError(`${doc.filename}: the content is not a PDF (it does not start with %PDF-)`);
  if (bytes.length !== doc.byteLength) {
    throw new BillingError(`${doc.filename}: decoded ${bytes.length} bytes but byteLength says ${doc.byteLength}`);
  }
  return bytes;
}
