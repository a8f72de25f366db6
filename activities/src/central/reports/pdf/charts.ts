import { PAGE, ensureSpace, type Palette } from './document.js';

/** Daily score line over the month, 0–100 axis, gaps where nothing was measured. */
export function trendChart(doc: PDFKit.PDFDocument, palette: Palette, points: readonly { date: string; score: number | null }[], title: string): void {
  const height = 140;
  ensureSpace(doc, height + 40);
  const left = PAGE.margin + 28;
  const top = doc.y + 14;
  const width = PAGE.width - PAGE.margin - left;
  doc.font('Bold').fontSize(9).fillColor(palette.text).text(title, PAGE.margin, doc.y);
  doc.font('Body').fontSize(7).fillColor(palette.muted);
  for (const v of [0, 25, 50, 75, 100]) {
    const y = top + height - (v / 100) * height;
    doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.3).strokeColor(palette.rule).stroke();
    doc.fillColor(palette.muted).text(`${v}%`, PAGE.margin, y - 4, { width: 24, align: 'right', lineBreak: false, height: 8 });
  }
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  let drawing = false;
  points.forEach((p, i) => {
    const x = left + i * step;
    if (p.score === null) {
      drawing = false;
      return;
    }
    const y = top + height - (p.score / 100) * height;
    if (drawing) doc.lineTo(x, y);
    else doc.moveTo(x, y);
    drawing = true;
  });
  doc.lineWidth(1.6).strokeColor(palette.primary).stroke();
  const labelEvery = Math.max(1, Math.ceil(points.length / 6));
  points.forEach((p, i) => {
    if (i % labelEvery !== 0 && i !== points.length - 1) return;
    doc.fillColor(palette.muted).text(p.date.slice(5), left + i * step - 14, top + height + 4, { width: 28, align: 'center', lineBreak: false, height: 8 });
  });
  doc.y = top + height + 18;
}

/** Horizontal stacked bar: how heals split between tiers (or any named parts). */
export function stackedBar(doc: PDFKit.PDFDocument, palette: Palette, title: string, parts: readonly { label: string; value: number; color: string }[]): void {
  ensureSpace(doc, 60);
  const total = parts.reduce((n, p) => n + p.value, 0);
  doc.font('Bold').fontSize(9).fillColor(palette.text).text(title, PAGE.margin, doc.y);
  const y = doc.y + 4;
  const width = PAGE.width - 2 * PAGE.margin;
  if (total === 0) {
    doc.rect(PAGE.margin, y, width, 14).fill('#eeeeee');
  } else {
    let x = PAGE.margin;
    for (const p of parts) {
      const w = (p.value / total) * width;
      if (w > 0) doc.rect(x, y, w, 14).fill(p.color);
      x += w;
    }
  }
  let lx = PAGE.margin;
  doc.font('Body').fontSize(8);
  for (const p of parts) {
    doc.rect(lx, y + 20, 8, 8).fill(p.color);
    const label = `${p.label}: ${p.value}`;
    doc.fillColor(palette.text).text(label, lx + 11, y + 20, { lineBreak: false, height: 10 });
    lx += doc.widthOfString(label) + 26;
  }
  doc.y = y + 36;
}

/** One bar per framework: the score now, with last month's as a marker. */
export function scoreBars(doc: PDFKit.PDFDocument, palette: Palette, rows: readonly { label: string; score: number | null; previous: number | null }[]): void {
  ensureSpace(doc, rows.length * 18 + 10);
  const labelWidth = 110;
  const width = PAGE.width - 2 * PAGE.margin - labelWidth - 60;
  for (const r of rows) {
    const y = doc.y;
    doc.font('Body').fontSize(8.5).fillColor(palette.text).text(r.label, PAGE.margin, y + 2, { width: labelWidth, lineBreak: false, height: 10 });
    const x = PAGE.margin + labelWidth;
    doc.rect(x, y, width, 12).fill('#eeeeee');
    if (r.score !== null) doc.rect(x, y, (r.score / 100) * width, 12).fill(palette.primary);
    if (r.previous !== null) {
      const px = x + (r.previous / 100) * width;
      doc.moveTo(px, y - 2).lineTo(px, y + 14).lineWidth(1.5).strokeColor(palette.accent).stroke();
    }
    const text = r.score === null ? 'n/a' : `${r.score}%`;
    doc.fillColor(palette.text).text(text, x + width + 6, y + 2, { width: 50, lineBreak: false, height: 10 });
    doc.y = y + 18;
  }
  doc.font('Body').fontSize(7).fillColor(palette.muted).text('Bar: this month. Orange mark: last month.', PAGE.margin, doc.y);
  doc.moveDown(0.6);
}
