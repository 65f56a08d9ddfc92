import { ReportSource, SourceGap } from './source';

/**
 * Communal enterprises' scores, flags, budget support and procurement (enterprise-efficiency, issue 9).
 * That service has no bus operations in libs/contracts yet: until it has, the section is a data gap.
 * When it lands, ask its operations here (like budget.source.ts) — nothing else changes.
 */
export const enterprisesSource: ReportSource<never> = {
  id: 'enterprises',
  service: 'enterprise-efficiency',
  title: { uk: 'Комунальні підприємства', en: 'Communal enterprises' },
  types: ['community-monitoring'],
  fetch() {
    return Promise.reject(new SourceGap('unavailable', 'enterprise-efficiency is not part of this platform yet: no enterprise figures can be asked for'));
  },
  html: () => '',
  rows: () => [],
};
