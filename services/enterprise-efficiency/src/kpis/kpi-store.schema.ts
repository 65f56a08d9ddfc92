import { Schema } from 'mongoose';
import type { KpiKey, Sector } from '@vidnova/contracts';

export const KPI_MODEL = 'EnterpriseKpis';
export const KPI_GENERATION_MODEL = 'KpiGeneration';

/**
 * The KPI values of one enterprise-year (`_id` = `<edrpou>:<year>`), computed once when what they depend on changes,
 * read by benchmarks and assessments (the peers of a sector and year) through the `{ sector, year }` index.
 * The stamp (methodology, statement version, subsidies, staff, sector, oblast) says what they were computed from:
 * a document whose stamp no longer matches its sources is recomputed by the reconciliation (kpi-store.ts).
 */
export interface KpiValuesDoc {
  _id: string;
  edrpou: string;
  year: number;
  sector: Sector;
  oblast: string | null;
  /** KPI_METHODOLOGY when computed: a change of formulas bumps it and every document is recomputed. */
  methodology: number;
  statementVersion: number;
  subsidies: number;
  staff: number | null;
  values: Record<KpiKey, number | null>;
  computedAt: Date;
}

export const KpiValuesSchema = new Schema<KpiValuesDoc>(
  {
    _id: String,
    edrpou: { type: String, required: true },
    year: { type: Number, required: true },
    sector: { type: String, required: true },
    oblast: { type: String, default: null },
    methodology: Number,
    statementVersion: Number,
    subsidies: Number,
    staff: { type: Number, default: null },
    values: { type: Schema.Types.Mixed },
    computedAt: Date,
  },
  { collection: 'kpis', minimize: false },
);
KpiValuesSchema.index({ sector: 1, year: 1 });
KpiValuesSchema.index({ year: 1 });
KpiValuesSchema.index({ edrpou: 1 });

/**
 * One document per sector and year (`_id` = `<sector>:<year>`) whose `token` is replaced by a fresh random value
 * after every change of a KPI document of that sector and year. A token, not a counter: FerretDB v1 updates are not
 * atomic (docs/decisions/0005), so two concurrent `$inc` could leave one increment; two concurrent `$set` of fresh
 * random values both leave a value no reader has cached, which is all the cache needs.
 */
export interface KpiGenerationDoc {
  _id: string;
  token: string;
}

export const KpiGenerationSchema = new Schema<KpiGenerationDoc>({ _id: String, token: String }, { collection: 'kpi_generations' });

export const KPI_PEERS_MODEL = 'KpiPeers';

/**
 * The peers of one sector and year (`_id` = `<sector>:<year>`) as of the generation `token` they were read under:
 * each enterprise's EDRPOU (`e`), oblast (`o`) and KPI values (`v`). Rebuilt from the `kpis` documents of the year
 * when the token has changed (kpi-store.ts); benchmarks and assessments read it by `_id` instead of the year's
 * documents. Short field names: one entry per enterprise of the sector.
 */
export interface KpiPeersDoc {
  _id: string;
  token: string;
  peers: { e: string; o: string | null; v: Record<KpiKey, number | null> }[];
  builtAt: Date;
}

export const KpiPeersSchema = new Schema<KpiPeersDoc>(
  { _id: String, token: String, peers: { type: Schema.Types.Mixed, default: [] }, builtAt: Date },
  { collection: 'kpi_peers', minimize: false },
);
