import { ReportSource, SourceGap } from './source';

/**
 * Dialogue events, the involvement index and commitments (dialogue-events, issue 10). That service has
 * no bus operations in libs/contracts yet: until it has, the section is a data gap. When it lands, ask
 * its operations here — nothing else changes.
 */
export const dialogueSource: ReportSource<never> = {
  id: 'dialogue',
  service: 'dialogue-events',
  title: { uk: 'Публічний діалог і зобов’язання', en: 'Public dialogue and commitments' },
  types: ['community-monitoring', 'civil-society-involvement'],
  fetch() {
    return Promise.reject(new SourceGap('unavailable', 'dialogue-events is not part of this platform yet: no events, involvement index or commitments can be asked for'));
  },
  html: () => '',
  rows: () => [],
};
