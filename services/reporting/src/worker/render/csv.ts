import { ReportLang } from '@vidnova/contracts';
import { ReportModel } from '../build';
import { pick } from '../format';
import { ReportSource, SOURCES } from '../sources';

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote when needed; a leading = + - @ is prefixed so spreadsheets do not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Every figure of the report, one per line: section, item, measure, value, unit (money as exact UAH decimals). */
export function renderCsv(report: ReportModel, lang: ReportLang, sources: readonly ReportSource[] = SOURCES): string {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const lines = [['report', 'subject', 'period', 'section', 'source', 'item', 'measure', 'value', 'unit'].join(',')];
  // The title line: what the report is about, by name ("Волинська область" for an oblast), as the HTML and PDF headings say it.
  const name = report.subject.name ? pick(report.subject.name, lang) : report.subject.code;
  lines.push([report.type, report.subject.code, report.period, 'title', 'reporting', report.subject.field, 'name', `${pick(report.title, lang)} — ${name}`, ''].map(cell).join(','));
  for (const s of report.sources) {
    const source = byId.get(s.id);
    if (!source || !s.ok) continue;
    for (const [item, measure, value, unit] of source.rows(report.sections[s.id] as never, lang)) {
      lines.push([report.type, report.subject.code, report.period, s.id, s.service, item, measure, value, unit].map(cell).join(','));
    }
  }
  for (const g of report.gaps) lines.push([report.type, report.subject.code, report.period, 'data_gaps', g.source, g.reason, 'missing', g.message[lang], ''].map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
