import { ReportLang } from '@vidnova/contracts';
import { ReportModel } from '../build';
import { date, esc, pick } from '../format';
import { GAP_REASON_NAMES, ReportSource, SOURCES } from '../sources';

const CSS = `
:root{color-scheme:light}*{box-sizing:border-box}
body{font-family:"DejaVu Sans","Noto Sans",Arial,sans-serif;margin:0;padding:16px;color:#1b1b1b;line-height:1.45;max-width:860px;margin:auto;font-size:15px}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;border-bottom:2px solid #1f5fa8;padding-bottom:4px;margin-top:1.6em}h3{font-size:1.05em}
.muted{color:#666;font-size:.9em}.status{display:inline-block;padding:2px 8px;border-radius:10px;font-size:.85em;background:#e6f0fa}
.status.partial{background:#fdecc8}table{border-collapse:collapse;width:100%;margin:.6em 0}th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #ddd;vertical-align:top}
td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}table.kv th{font-weight:normal;color:#444}
figure.chart{margin:.8em 0}svg text{font-family:inherit;font-size:12px;fill:#1b1b1b}svg .ttl{font-weight:bold;font-size:13px}svg .val{fill:#444;font-size:11px}svg .badge{fill:#b03a2e;font-weight:bold}
.gaps{background:#fff6e0;border-left:4px solid #e0a526;padding:8px 12px}.index b{font-size:1.3em}
@media (max-width:600px){body{padding:8px;font-size:14px}td,th{padding:3px}}
@media print{body{max-width:none}h2{break-after:avoid}figure{break-inside:avoid}}
`;

const L = (lang: ReportLang, uk: string, en: string) => (lang === 'uk' ? uk : en);

/** The report as one self-contained HTML page: inline CSS and SVG, no scripts, no external resources. */
export function renderHtml(report: ReportModel, lang: ReportLang, sources: readonly ReportSource[] = SOURCES): string {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const subject = report.subject.name ? `${pick(report.subject.name, lang)} (${report.subject.code})` : report.subject.code;
  const statusText = report.status === 'partial' ? L(lang, 'неповний: бракує даних', 'partial: some data is missing') : L(lang, 'повний', 'complete');
  let body =
    `<header><div class="muted">Vidnova · ${esc(pick(report.title, lang))}</div>` +
    `<h1 data-figure="subject">${esc(subject)}</h1>` +
    `<p>${L(lang, 'Період', 'Period')}: <b>${esc(report.period)}</b> · ${L(lang, 'Складено', 'Generated')} ${date(report.generatedAt, lang)} · ` +
    `<span class="status ${report.status}">${statusText}</span></p></header>`;
  for (const s of report.sources) {
    const source = byId.get(s.id);
    if (!source || !s.ok) continue;
    body += `<section id="${esc(s.id)}"><h2>${esc(pick(s.title, lang))}</h2>${source.html(report.sections[s.id] as never, lang)}` +
      `<p class="muted">${L(lang, 'Джерело', 'Source')}: ${esc(s.service)}</p></section>`;
  }
  if (report.recommendations.length) {
    body += `<section id="recommendations"><h2>${L(lang, 'Рекомендації', 'Recommendations')}</h2><ul>` +
      report.recommendations.map((r) => `<li>${esc(pick(r.text, lang))} <span class="muted">(${esc(r.source)}: ${esc(r.id)})</span></li>`).join('') +
      `</ul></section>`;
  }
  if (report.gaps.length) {
    body += `<section id="data-gaps" class="gaps"><h2>${L(lang, 'Прогалини в даних', 'Data gaps')}</h2><p>${report.status === 'partial' ? L(lang, 'Ці розділи відсутні, тому звіт неповний:', 'These sections are missing, so the report is partial:') : L(lang, 'Цих розділів немає у звіті про такий предмет:', 'These sections are not part of a report about this subject:')}</p><ul>` +
      report.gaps.map((g) => `<li data-gap="${esc(g.source)}"><b>${esc(g.source)}</b> (${esc(pick(GAP_REASON_NAMES[g.reason], lang))}): ${esc(pick(g.message, lang))}</li>`).join('') +
      `</ul></section>`;
  }
  body += `<footer class="muted"><p>${L(lang, 'Методологія', 'Methodology')}: ${esc(report.methodology)} · ${L(lang, 'Звіт', 'Report')} ${esc(report.id)} r${report.revision}</p></footer>`;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(pick(report.title, lang))} — ${esc(subject)} — ${esc(report.period)}</title><style>${CSS}</style></head><body>${body}</body></html>`;
}
