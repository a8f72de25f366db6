import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const font = (file: string) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`);

export const PAGE = { width: 612, height: 792, margin: 54 } as const; // US Letter, 0.75 in margins

export interface Palette {
  primary: string;
  accent: string;
  text: string;
  muted: string;
  pass: string;
  fail: string;
  partial: string;
  pending: string;
  rule: string;
}

/**
 * A PDF document whose bytes depend only on its content: fonts embedded from the npm package (not
 * the machine), a fixed creation date, no random ids. The same packet renders byte-identically.
 */
export function createDocument(meta: { title: string; author: string; createdAt: Date }): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: PAGE.margin, bottom: PAGE.margin + 14, left: PAGE.margin, right: PAGE.margin },
    bufferPages: true,
    info: { Title: meta.title, Author: meta.author, Creator: 'Custos', Producer: 'Custos', CreationDate: meta.createdAt, ModDate: meta.createdAt },
  });
  doc.registerFont('Body', font('DejaVuSans.ttf'));
  doc.registerFont('Bold', font('DejaVuSans-Bold.ttf'));
  doc.font('Body');
  return doc;
}

export function collect(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
}

/** Starts a new page when fewer than `needed` points remain, so blocks are not split awkwardly. */
export function ensureSpace(doc: PDFKit.PDFDocument, needed: number): void {
  if (doc.y + needed > PAGE.height - PAGE.margin - 14) doc.addPage();
}

export function heading(doc: PDFKit.PDFDocument, palette: Palette, text: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.8).font('Bold').fontSize(14).fillColor(palette.primary).text(text, PAGE.margin, doc.y);
  const y = doc.y + 2;
  doc.moveTo(PAGE.margin, y).lineTo(PAGE.width - PAGE.margin, y).lineWidth(1).strokeColor(palette.accent).stroke();
  doc.moveDown(0.5).font('Body').fontSize(10).fillColor(palette.text);
}

export function paragraph(doc: PDFKit.PDFDocument, palette: Palette, text: string, opts: { size?: number; color?: string } = {}): void {
  doc.font('Body').fontSize(opts.size ?? 10).fillColor(opts.color ?? palette.text).text(text, PAGE.margin, doc.y, { width: PAGE.width - 2 * PAGE.margin });
  doc.moveDown(0.4);
}

/** Page footer on every page: who it is for, page n of m, and the confidentiality line. */
export function footers(doc: PDFKit.PDFDocument, palette: Palette, left: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = PAGE.height - PAGE.margin + 4;
    doc.font('Body').fontSize(7.5).fillColor(palette.muted);
    doc.text(left, PAGE.margin, y, { width: 380, lineBreak: false, height: 10 });
    doc.text(`Page ${i + 1} of ${range.count} · Confidential`, PAGE.width - PAGE.margin - 160, y, { width: 160, align: 'right', lineBreak: false, height: 10 });
  }
}
