import { esc } from '../format';

/**
 * Inline SVG charts for the self-contained HTML (no scripts, no external files): they print into the
 * PDF as vectors and scale on a phone (viewBox + width 100%). Each chart carries `data-chart` and one
 * `data-value` per mark so a test can check that it rendered with the report's figures.
 */
export interface Bar {
  label: string;
  value: number;
  /** Text shown at the end of the bar (formatted value). */
  text: string;
  /** Small note left of the label (e.g. the priority rank). */
  badge?: string;
}

const COLORS = ['#1f5fa8', '#e0a526', '#2e8b57', '#b03a2e', '#6c4f9c', '#3c8dbc'];

export function barChart(id: string, title: string, bars: Bar[], color = COLORS[0]): string {
  if (!bars.length) return '';
  const rowH = 28;
  const labelW = 230;
  const width = 640;
  const plotW = width - labelW - 190;
  const max = Math.max(...bars.map((b) => b.value), 0) || 1;
  const height = bars.length * rowH + 30;
  const rows = bars
    .map((b, i) => {
      const y = 24 + i * rowH;
      const w = Math.max(0, (b.value / max) * plotW);
      return (
        `<g class="bar">` +
        (b.badge ? `<text x="4" y="${y + 15}" class="badge">${esc(b.badge)}</text>` : '') +
        `<text x="${b.badge ? 34 : 4}" y="${y + 15}" class="lbl">${esc(truncate(b.label, 34))}</text>` +
        `<rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 10}" fill="${color}" data-value="${b.value}"><title>${esc(b.label)}: ${esc(b.text)}</title></rect>` +
        `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 15}" class="val">${esc(b.text)}</text>` +
        `</g>`
      );
    })
    .join('');
  return (
    `<figure class="chart"><svg data-chart="${esc(id)}" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg">` +
    `<text x="4" y="14" class="ttl">${esc(title)}</text>${rows}</svg></figure>`
  );
}

/** Columns over time (execution by month or year): plan as an outline where known, executed filled. */
export function columnChart(id: string, title: string, points: { label: string; value: number; plan?: number | null; text: string }[]): string {
  if (!points.length) return '';
  const width = 640;
  const height = 240;
  const top = 28;
  const bottom = 40;
  const plotH = height - top - bottom;
  const max = Math.max(...points.map((p) => Math.max(p.value, p.plan ?? 0)), 0) || 1;
  const step = (width - 20) / points.length;
  const colW = Math.min(48, step * 0.6);
  const cols = points
    .map((p, i) => {
      const x = 10 + i * step + (step - colW) / 2;
      const h = (p.value / max) * plotH;
      const planH = p.plan ? (p.plan / max) * plotH : 0;
      return (
        `<g class="col">` +
        (p.plan ? `<rect x="${x.toFixed(1)}" y="${(top + plotH - planH).toFixed(1)}" width="${colW.toFixed(1)}" height="${planH.toFixed(1)}" fill="none" stroke="#999" stroke-dasharray="3 2"/>` : '') +
        `<rect x="${x.toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${colW.toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[0]}" data-value="${p.value}"><title>${esc(p.label)}: ${esc(p.text)}</title></rect>` +
        `<text x="${(x + colW / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" class="lbl">${esc(p.label)}</text>` +
        `<text x="${(x + colW / 2).toFixed(1)}" y="${height - bottom + 32}" text-anchor="middle" class="val">${esc(p.text)}</text>` +
        `</g>`
      );
    })
    .join('');
  return (
    `<figure class="chart"><svg data-chart="${esc(id)}" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg">` +
    `<text x="4" y="14" class="ttl">${esc(title)}</text>${cols}</svg></figure>`
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
