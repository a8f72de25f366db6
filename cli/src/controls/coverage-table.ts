/** The coverage report as text: a summary line per framework, then one line per control. */
import { isGroupingRow, type CoverageRow, type FrameworkCoverage } from '@custos/runbooks';

const STATUS = { automated: 'automated', partial: 'partial  ', manual: 'manual   ' } as const;

function runbookList(ids: readonly string[], width: number): string {
  const short = ids.map((id) => id.replace(/^RB-WIN-/, ''));
  const text = short.join(' ');
  return text.length <= width ? text : `${text.slice(0, width - 6).replace(/ \S*$/, '')} +${short.length - text.slice(0, width - 6).split(' ').length + 1} more`;
}

function line(row: CoverageRow, idWidth: number, details: boolean): string[] {
  const indent = isGroupingRow(row) ? '' : '  ';
  const req = row.requirement === 'required' ? 'R' : row.requirement === 'addressable' ? 'A' : ' ';
  const head = `${indent}${row.id.padEnd(idWidth)} ${STATUS[row.status]} ${req} ${row.title.length > 60 ? `${row.title.slice(0, 57)}...` : row.title.padEnd(60)}`;
  const out = [`${head}  ${runbookList(row.runbooks, 48)}`.trimEnd()];
  if (details && row.manualTask) out.push(`${' '.repeat(idWidth + indent.length + 1)}person: ${row.manualTask}`);
  if (details && row.nprm2025) out.push(`${' '.repeat(idWidth + indent.length + 1)}NPRM 2025: ${row.nprm2025}`);
  return out;
}

export function formatCoverage(report: readonly FrameworkCoverage[], opts: { details?: boolean } = {}): string {
  const blocks = report.map((fw) => {
    const t = fw.totals;
    const pct = (n: number) => `${Math.round((100 * n) / Math.max(1, t.items))}%`;
    const idWidth = Math.max(...fw.rows.map((r) => r.id.length));
    return [
      `${fw.title} (${fw.edition})`,
      `  ${t.items} items: ${t.automated} automated (${pct(t.automated)}), ${t.partial} partial (${pct(t.partial)}), ${t.manual} manual (${pct(t.manual)}); ${t.withRunbooks} evidenced by runbooks`,
      '',
      ...fw.rows.flatMap((r) => line(r, idWidth, opts.details ?? false)),
    ].join('\n');
  });
  return blocks.join('\n\n');
}
