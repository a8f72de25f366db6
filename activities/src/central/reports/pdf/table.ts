import { ensureSpace, PAGE, type Palette } from './document.js';

export interface Column<Row> {
  header: string;
  width: number;
  value(row: Row): string;
  color?(row: Row): string | undefined;
}

const PAD = 3;

/** A table that flows across pages, repeating its header; cell text wraps within the column. */
export function table<Row>(doc: PDFKit.PDFDocument, palette: Palette, columns: Column<Row>[], rows: readonly Row[], empty = 'None.'): void {
  const total = columns.reduce((n, c) => n + c.width, 0);
  const scale = (PAGE.width - 2 * PAGE.margin) / total;
  const widths = columns.map((c) => c.width * scale);

  const drawHeader = () => {
    const y = doc.y;
    doc.rect(PAGE.margin, y, PAGE.width - 2 * PAGE.margin, 16).fill(palette.primary);
    let x = PAGE.margin;
    doc.font('Bold').fontSize(8).fillColor('#ffffff');
    columns.forEach((c, i) => {
      doc.text(c.header, x + PAD, y + 4, { width: widths[i]! - 2 * PAD, lineBreak: false, height: 10 });
      x += widths[i]!;
    });
    doc.y = y + 16;
  };

  if (rows.length === 0) {
    doc.font('Body').fontSize(9).fillColor(palette.muted).text(empty, PAGE.margin, doc.y);
    doc.moveDown(0.5);
    return;
  }
  ensureSpace(doc, 40);
  drawHeader();
  doc.font('Body').fontSize(8);
  rows.forEach((row, r) => {
    const texts = columns.map((c) => c.value(row));
    const height = Math.max(...texts.map((t, i) => doc.heightOfString(t, { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
    if (doc.y + height > PAGE.height - PAGE.margin - 14) {
      doc.addPage();
      drawHeader();
      doc.font('Body').fontSize(8);
    }
    const y = doc.y;
    if (r % 2 === 1) doc.rect(PAGE.margin, y, PAGE.width - 2 * PAGE.margin, height).fill('#f3f5f8');
    let x = PAGE.margin;
    columns.forEach((c, i) => {
      doc.fillColor(c.color?.(row) ?? palette.text).text(texts[i]!, x + PAD, y + PAD, { width: widths[i]! - 2 * PAD });
      x += widths[i]!;
    });
    doc.y = y + height;
  });
  doc.moveTo(PAGE.margin, doc.y).lineTo(PAGE.width - PAGE.margin, doc.y).lineWidth(0.5).strokeColor(palette.rule).stroke();
  doc.moveDown(0.6);
}
