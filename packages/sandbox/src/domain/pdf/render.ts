// Renders an invoice, credit invoice or credit note as a real PDF with pdf-lib (standard Helvetica,
// WinAnsi encoding, which covers Swedish å ä ö). Layout is deliberately plain: a title, seller and
// buyer, numbers and dates, a table of lines, and the totals, each as its own text run so a PDF
// parser can find every label and value.
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { minorToSwedish } from '../money.js';

export interface DocumentLine {
  description: string;
  quantity: number;
  unitMinor: number;
  amountMinor: number;
  taxRateBp: number;
}

export interface DocumentModel {
  title: 'Faktura' | 'Kreditfaktura' | 'Kreditnota';
  /** Label/value pairs printed under the title (Fakturanummer, Datum, Förfallodatum, ...). */
  facts: Array<[string, string]>;
  seller: { name: string; orgNumber: string; address: string; vatNumber: string };
  buyer: { name: string; orgNumber: string | null; address: string; email: string };
  currency: string;
  lines: DocumentLine[];
  /** Label/amount pairs of the totals block, the last one in bold. */
  totals: Array<[string, number]>;
  note?: string | null;
  /** Document date (metadata), from the sandbox clock. */
  createdAt: Date;
}

/** Replaces characters that WinAnsi cannot encode, so user text never breaks a document. */
function printable(text: string): string {
  return [...text].map((ch) => (/^[\x20-\x7e\xa0-\xff€–—‘’“”•…]$/u.test(ch) ? ch : '?')).join('');
}

export async function renderPdf(model: DocumentModel): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${model.title} ${model.facts[0]?.[1] ?? ''}`.trim());
  pdf.setProducer('@billing-api/sandbox');
  pdf.setCreator('@billing-api/sandbox');
  pdf.setCreationDate(model.createdAt);
  pdf.setModificationDate(model.createdAt);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page = pdf.addPage([595.28, 841.89]); // A4
  let y = 800;
  const text = (value: string, x: number, size = 10, font: PDFFont = regular, target: PDFPage = page) =>
    target.drawText(printable(value), { x, y, size, font, color: rgb(0.1, 0.1, 0.1) });
  const right = (value: string, xRight: number, size = 10, font: PDFFont = regular) =>
    text(value, xRight - font.widthOfTextAtSize(printable(value), size), size, font);

  text(model.title, 50, 22, bold);
  y -= 34;
  for (const [label, value] of model.facts) {
    text(label, 50, 10, bold);
    text(value, 170, 10);
    y -= 14;
  }
  y -= 10;
  const top = y;
  text('Säljare', 50, 11, bold);
  y -= 14;
  for (const line of [
    model.seller.name,
    `Org.nr ${model.seller.orgNumber}`,
    model.seller.address,
    `Momsreg.nr ${model.seller.vatNumber}`,
  ]) {
    text(line, 50);
    y -= 13;
  }
  y = top;
  text('Köpare', 320, 11, bold);
  y -= 14;
  for (const line of [
    model.buyer.name,
    model.buyer.orgNumber ? `Org.nr ${model.buyer.orgNumber}` : '',
    model.buyer.address,
    model.buyer.email,
  ]) {
    if (!line) continue;
    text(line, 320);
    y -= 13;
  }
  y = top - 80;
  const header = () => {
    text('Beskrivning', 50, 10, bold);
    right('Antal', 330, 10, bold);
    right('À-pris', 410, 10, bold);
    right('Moms %', 470, 10, bold);
    right(`Belopp (${model.currency})`, 545, 10, bold);
    y -= 16;
  };
  header();
  for (const line of model.lines) {
    if (y < 120) {
      page = pdf.addPage([595.28, 841.89]);
      y = 800;
      header();
    }
    text(line.description.length > 48 ? `${line.description.slice(0, 47)}…` : line.description, 50);
    right(String(line.quantity), 330);
    right(minorToSwedish(line.unitMinor), 410);
    right(`${line.taxRateBp / 100}`, 470);
    right(minorToSwedish(line.amountMinor), 545);
    y -= 14;
  }
  y -= 12;
  model.totals.forEach(([label, amount], i) => {
    const last = i === model.totals.length - 1;
    const font = last ? bold : regular;
    text(label, 320, last ? 12 : 10, font);
    right(`${minorToSwedish(amount)} ${model.currency}`, 545, last ? 12 : 10, font);
    y -= last ? 18 : 14;
  });
  if (model.note) {
    y -= 12;
    text('Anteckning', 50, 10, bold);
    y -= 14;
    text(model.note.length > 100 ? `${model.note.slice(0, 99)}…` : model.note, 50);
  }
  return pdf.save();
}
