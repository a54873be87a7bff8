// decodePdf(): base64 JSON to bytes, checked to be a PDF of the announced size.
import { describe, expect, it } from 'vitest';
import { BillingError, decodePdf, type PdfDocument } from '../../src/index.js';

const pdfBytes = new TextEncoder().encode('%PDF-1.4\n%\xC4\xE5\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const doc = (bytes: Uint8Array, overrides: Partial<PdfDocument> = {}): PdfDocument => ({
  contentBase64: Buffer.from(bytes).toString('base64'),
  contentType: 'application/pdf',
  filename: 'credit-note-202600009.pdf',
  byteLength: bytes.length,
  ...overrides,
});

describe('decodePdf', () => {
  it('returns the exact bytes', () => {
    const bytes = decodePdf(doc(pdfBytes));
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Array.from(bytes)).toEqual(Array.from(pdfBytes));
  });

  it('rejects a size that differs from byteLength (a truncated document)', () => {
    expect(() => decodePdf(doc(pdfBytes, { byteLength: 48231 }))).toThrow(
      `credit-note-202600009.pdf: decoded ${pdfBytes.length} bytes but byteLength says 48231`,
    );
  });

  it('rejects content that is not a PDF', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
    expect(() => decodePdf(doc(png))).toThrow(
      'credit-note-202600009.pdf: the content is not a PDF (it does not start with %PDF-)',
    );
  });

  it('rejects invalid base64', () => {
    expect(() => decodePdf(doc(pdfBytes, { contentBase64: 'JVBER!!!' }))).toThrow(BillingError);
    expect(() => decodePdf(doc(pdfBytes, { contentBase64: 'JVBER!!!' }))).toThrow(
      'credit-note-202600009.pdf: contentBase64 is not valid base64',
    );
  });
});
