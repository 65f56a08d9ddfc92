import { ErrorEnvelope, ReportLang, ReportType } from '@vidnova/contracts';
import { BusClient, BusError } from '@vidnova/messaging';
import { communitiesOfOblast, oblastByKatottg, oblastTitle } from '@vidnova/reference';
import { Text } from '../format';
import { GAP_MESSAGES, GapReason, ReportGapEntry } from './gaps';

/** What a source is asked about: the run's subject and period. */
export interface SourceContext {
  bus: BusClient;
  type: ReportType;
  community?: string;
  /** KATOTTG code of the oblast (civil-society-involvement about an oblast: `community` is then absent). */
  oblast?: string;
  budgetCode?: string;
  country?: string;
  period: string;
  /** The year of the period (budget figures are asked for this year, up to `periodEnd`). */
  year: number;
  /** Last month of the period (YYYY-MM). */
  periodEnd: string;
  /** First and last day of the period (YYYY-MM-DD). */
  from: string;
  to: string;
  /** How long one question to a source may take. */
  timeoutMs: number;
  /** Sections other sources produced before this one (derived sections read them). */
  sections: Record<string, unknown>;
}

/** One figure as a CSV line: section, item, measure, value (money as a decimal string), unit. */
export type FigureRow = [item: string, measure: string, value: string | number | null, unit: string];

/** A recommendation with the evidence it rests on, gathered from a source. */
export interface Recommendation {
  source: string;
  id: string;
  severity?: string;
  text: Text;
  evidence: Record<string, unknown>;
}

/**
 * A source of report figures: one service asked over the bus with its existing operations (never its
 * database). Adding a source is one file that exports one of these and one line in sources/index.ts.
 * `fetch` throws SourceGap (or lets a BusError through) when it has nothing: the report then names
 * the source under "data gaps" and is marked `partial`.
 */
export interface ReportSource<T = unknown> {
  /** Section key in the report (`sections.<id>`). */
  id: string;
  /** The service the figures come from (named in data gaps). */
  service: string;
  title: Text;
  /** Report types that contain this section, in the order sections are fetched and shown. */
  types: readonly ReportType[];
  fetch(ctx: SourceContext): Promise<T>;
  /** The section's body as HTML (inline SVG charts allowed). */
  html(data: T, lang: ReportLang): string;
  /** Every figure of the section as CSV lines. */
  rows(data: T, lang: ReportLang): FigureRow[];
  recommendations?(data: T): Recommendation[];
}

export type { GapReason, ReportGapEntry };

/** Thrown by a source that has nothing to give: becomes a data gap (the message from GAP_MESSAGES). */
export class SourceGap extends Error {
  constructor(
    readonly reason: GapReason,
    readonly text: Text,
  ) {
    super(text.en);
  }
}

const entry = (source: string, reason: GapReason, message: Text): ReportGapEntry => ({ source, reason, detail: message.en, message });

/** A failed source as a data gap: which service, why, in words (uk and en). */
export function gapOf(source: ReportSource, e: unknown): ReportGapEntry {
  if (e instanceof SourceGap) return entry(source.service, e.reason, e.text);
  if (e instanceof BusError) {
    const env: ErrorEnvelope = e.envelope;
    const reason: GapReason =
      env.code === 'service_unavailable' ? 'unavailable' : env.code === 'service_timeout' ? 'timeout' : env.code === 'not_found' ? 'no_data' : 'error';
    const message =
      reason === 'unavailable' ? GAP_MESSAGES.unavailable(source.service) : reason === 'timeout' ? GAP_MESSAGES.timeout(source.service) : GAP_MESSAGES.error(source.service, env.message);
    return entry(source.service, reason, message);
  }
  return entry(source.service, 'error', GAP_MESSAGES.error(source.service, (e as Error)?.message ?? String(e)));
}

/** The oblast a report is about, as its title names it ("Волинська область"); the code when libs/reference does not know it. */
export function oblastOf(ctx: SourceContext): { code: string; title: Text; communities: string[] } | undefined {
  if (!ctx.oblast) return undefined;
  const oblast = oblastByKatottg(ctx.oblast);
  return {
    code: ctx.oblast,
    title: oblast ? oblastTitle(oblast) : { uk: ctx.oblast, en: ctx.oblast },
    communities: communitiesOfOblast(ctx.oblast).map((c) => c.katottg),
  };
}

/** Options for every question a source asks: its time limit, and a short wait for a restarting service. */
export const ask = (ctx: SourceContext) => ({ timeoutMs: ctx.timeoutMs, unavailableRetryMs: Math.min(1000, ctx.timeoutMs) });
