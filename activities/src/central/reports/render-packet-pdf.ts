import { FRAMEWORK_LABELS, type Packet, type TopicRow } from '@custos/core';
import { collect, createDocument, footers, heading, PAGE, paragraph, type Palette } from './pdf/document.js';
import { scoreBars, stackedBar, trendChart } from './pdf/charts.js';
import { table } from './pdf/table.js';
import type { Branding } from '@custos/core';

const STATUS_LABELS: Record<string, string> = { pass: 'Pass', fail: 'Fail', partial: 'Partial', 'manual-pending': 'Needs attestation', 'not-applicable': 'Not applicable' };
const HEX = /^#[0-9a-fA-F]{6}$/;

function palette(branding: Branding): Palette {
  return {
    primary: HEX.test(branding.primaryColor) ? branding.primaryColor : '#1f3a5f',
    accent: HEX.test(branding.accentColor) ? branding.accentColor : '#e69138',
    text: '#1b1b1b',
    muted: '#6b6b6b',
    pass: '#2e7d32',
    fail: '#c62828',
    partial: '#b26a00',
    pending: '#5e35b1',
    rule: '#c8ccd2',
  };
}

function statusColor(p: Palette, status: string): string {
  return ({ pass: p.pass, fail: p.fail, partial: p.partial, 'manual-pending': p.pending } as Record<string, string>)[status] ?? p.muted;
}

function cover(doc: PDFKit.PDFDocument, p: Palette, packet: Packet, branding: Branding): void {
  doc.rect(0, 0, PAGE.width, 150).fill(p.primary);
  // The logo sits at the left of the band; name and title start right of it so neither covers the other.
  const textX = PAGE.margin + (branding.logoPngBase64 ? 140 : 0);
  if (branding.logoPngBase64) doc.image(Buffer.from(branding.logoPngBase64, 'base64'), PAGE.margin, 40, { fit: [120, 70] });
  doc.font('Bold').fontSize(11).fillColor('#ffffff').text(branding.partnerName, textX, 48);
  doc.font('Bold').fontSize(22).text('Monthly compliance packet', textX, 88);
  doc.y = 180;
  doc.font('Bold').fontSize(16).fillColor(p.text).text(packet.client.name, PAGE.margin, doc.y);
  doc.font('Body').fontSize(11).fillColor(p.muted).text(`${packet.period.label} · packet ${packet.packetId}`);
  doc.moveDown(1);
  doc.font('Bold').fontSize(13).fillColor(p.primary).text(packet.executiveSummary.headline);
  doc.moveDown(0.6);
  for (const para of packet.executiveSummary.paragraphs) paragraph(doc, p, para, { size: 10.5 });
}

function topicTable(doc: PDFKit.PDFDocument, p: Palette, rows: TopicRow[]): void {
  table(doc, p, [
    { header: 'Check', width: 46, value: (r) => r.topic },
    { header: 'Compliant', width: 16, value: (r) => (r.total === 0 ? 'no hosts' : `${r.compliant} of ${r.total}`), color: (r) => (r.total > 0 && r.compliant === r.total ? p.pass : r.total > 0 ? p.fail : p.muted) },
    { header: 'Not compliant or no evidence', width: 38, value: (r) => r.failingHosts.join(', ') || '—' },
  ], rows);
}

/** Renders the packet to PDF bytes. Deterministic: `createdAt` comes from the packet's period, fonts from npm. */
export async function renderPacketPdf(packet: Packet, branding: Branding): Promise<Uint8Array> {
  const doc = createDocument({ title: `${packet.client.name} — ${packet.period.label}`, author: branding.partnerName, createdAt: new Date(packet.period.to) });
  const out = collect(doc);
  const p = palette(branding);

  cover(doc, p, packet, branding);
  heading(doc, p, 'Posture by framework');
  scoreBars(doc, p, packet.posture.map((x) => ({ label: FRAMEWORK_LABELS[x.framework], score: x.score, previous: x.previousScore })));
  trendChart(doc, p, packet.hipaaScoreTrend, `HIPAA score, day by day, ${packet.period.label}`);
  table(doc, p, [
    { header: 'Framework', width: 22, value: (r) => FRAMEWORK_LABELS[r.framework] },
    { header: 'Score', width: 12, value: (r) => (r.score === null ? 'n/a' : `${r.score}%`) },
    { header: 'Last month', width: 14, value: (r) => (r.previousScore === null ? 'n/a' : `${r.previousScore}%`) },
    { header: 'Pass', width: 10, value: (r) => String(r.counts.pass) },
    { header: 'Partial', width: 10, value: (r) => String(r.counts.partial) },
    { header: 'Fail', width: 10, value: (r) => String(r.counts.fail) },
    { header: 'Needs attestation', width: 14, value: (r) => String(r.counts['manual-pending']) },
    { header: 'N/A', width: 8, value: (r) => String(r.counts['not-applicable']) },
  ], packet.posture);
  paragraph(doc, p, 'Score = (pass + ½ partial) ÷ (pass + partial + fail + needs attestation); not-applicable items are left out.', { size: 8, color: p.muted });

  heading(doc, p, 'HIPAA Security Rule, item by item');
  table(doc, p, [
    { header: 'Item', width: 17, value: (r) => r.id },
    { header: 'Title', width: 22, value: (r) => r.title },
    { header: 'Req.', width: 10, value: (r) => (r.requirement === 'required' ? 'Required' : 'Addressable') },
    { header: 'Evidenced', width: 11, value: (r) => r.evidence },
    { header: 'Status', width: 12, value: (r) => STATUS_LABELS[r.status] ?? r.status, color: (r) => statusColor(p, r.status) },
    { header: 'Basis / open task', width: 28, value: (r) => (r.openTask ? `${r.reason}. To do: ${r.openTask}` : r.reason) },
  ], packet.hipaaItems);

  heading(doc, p, 'Findings and heals');
  const f = packet.findings;
  paragraph(doc, p, `Opened ${f.opened} · healed ${f.healed} · escalated ${f.escalated} · still open at month end ${f.stillOpen} · mean time to heal ${f.meanTimeToHealMinutes === null ? 'n/a' : `${f.meanTimeToHealMinutes} min`}`);
  stackedBar(doc, p, 'Heals by tier', [
    { label: 'L1 rule', value: f.healedByTier.L1, color: p.primary },
    { label: 'L2 planner', value: f.healedByTier.L2, color: p.accent },
    { label: 'L3 approved by a person', value: f.healedByTier.L3, color: p.pending },
  ]);

  heading(doc, p, 'Approvals');
  table(doc, p, [
    { header: 'Decided', width: 18, value: (r) => r.decidedAt.replace('T', ' ').slice(0, 16) },
    { header: 'Runbook', width: 20, value: (r) => r.runbookId },
    { header: 'Decision', width: 12, value: (r) => r.decision, color: (r) => (r.decision === 'approve' ? p.pass : p.fail) },
    { header: 'Approver', width: 20, value: (r) => r.approver ?? '—' },
    { header: 'Reason', width: 30, value: (r) => r.reason ?? '' },
  ], packet.approvals, 'No approvals this month.');

  heading(doc, p, 'Exceptions and risk acceptances');
  table(doc, p, [
    { header: 'Subject', width: 20, value: (r) => r.subject },
    { header: 'Scope', width: 16, value: (r) => r.scope },
    { header: 'Reason', width: 30, value: (r) => r.reason },
    { header: 'Accepted by', width: 18, value: (r) => `${r.acceptedBy}, ${r.acceptedAt.slice(0, 10)}` },
    { header: 'Expires', width: 12, value: (r) => r.expiresAt?.slice(0, 10) ?? 'never' },
  ], packet.exceptions, 'No exceptions or accepted risks are in force.');

  heading(doc, p, 'Workstations');
  topicTable(doc, p, packet.workstations);
  heading(doc, p, 'Backups and time synchronisation (servers)');
  topicTable(doc, p, packet.backupAndTime);

  heading(doc, p, 'Evidence manifest');
  const t = packet.evidenceTotals;
  paragraph(doc, p, `${t.bundlesThisPeriod} evidence records this month; ${t.entries} in the logs overall; anchors confirmed ${t.anchoredConfirmed}, pending ${t.anchoredPending}.`);
  table(doc, p, [
    { header: 'Site log', width: 16, value: (r) => r.siteId },
    { header: 'Entries', width: 10, value: (r) => String(r.entries) },
    { header: 'Latest checkpoint root (SHA-256)', width: 44, value: (r) => (r.latestCheckpoint ? `${r.latestCheckpoint.rootHash} (size ${r.latestCheckpoint.size}, ${r.latestCheckpoint.at.slice(0, 16).replace('T', ' ')})` : 'none yet') },
    { header: 'Anchors', width: 30, value: (r) => r.anchors.map((a) => (a.kind === 'rfc3161' ? `RFC 3161 ${a.time ?? ''}` : a.status === 'confirmed' ? `Bitcoin block ${a.blockHeight}` : 'Bitcoin pending')).join('; ') || 'none yet' },
  ], packet.evidence);

  heading(doc, p, 'How to verify this packet');
  for (const line of packet.howToVerify) paragraph(doc, p, line);

  footers(doc, p, `${packet.client.name} · ${packet.period.label} · prepared by ${branding.partnerName} with Custos`);
  doc.end();
  return out;
}
