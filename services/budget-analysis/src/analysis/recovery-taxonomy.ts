import type { LocalizedLabel } from '@vidnova/contracts';

/**
 * Recovery-related spending: which codes count, and why. Versioned: a change of rules gets a new
 * version so figures published under an older one can be reproduced. Explained in
 * docs/budget-methodology.md.
 *
 * Two bases that are never added together: the economic basis (what was bought: KEKV codes, from
 * the economic file) and the programme basis (what for: TPKVKMB codes, from the programme file; the
 * last four digits of a 7-digit KPKVKMB code).
 */
export const RECOVERY_TAXONOMY_VERSION = 'recovery-2025.1';

export interface RecoveryCategory {
  id: string;
  basis: 'economic' | 'program';
  name: LocalizedLabel;
  /** Code prefixes (economic: KEKV; program: 4-digit TPKVKMB). */
  prefixes: string[];
  rule: LocalizedLabel;
}

export const RECOVERY_CATEGORIES: RecoveryCategory[] = [
  {
    id: 'capital_repair',
    basis: 'economic',
    name: { uk: 'Капітальний ремонт', en: 'Capital repair' },
    prefixes: ['313'],
    rule: { uk: 'КЕКВ 3131, 3132 (313x): капітальний ремонт житла та інших об’єктів', en: 'KEKV 3131, 3132 (313x): capital repair of housing and other objects' },
  },
  {
    id: 'reconstruction_restoration',
    basis: 'economic',
    name: { uk: 'Реконструкція та реставрація', en: 'Reconstruction and restoration' },
    prefixes: ['314'],
    rule: { uk: 'КЕКВ 3141–3143 (314x): реконструкція, реставрація', en: 'KEKV 3141–3143 (314x): reconstruction and restoration' },
  },
  {
    id: 'communal_enterprise_capital',
    basis: 'economic',
    name: { uk: 'Капітальні трансферти підприємствам', en: "Capital transfers to (communal) enterprises" },
    prefixes: ['321'],
    rule: {
      uk: 'КЕКВ 3210: капітальні трансферти підприємствам, зокрема внески до статутного капіталу комунальних підприємств',
      en: "KEKV 3210: capital transfers to enterprises, including contributions to communal enterprises' capital",
    },
  },
  {
    id: 'emergency_response',
    basis: 'program',
    name: { uk: 'Запобігання та ліквідація надзвичайних ситуацій', en: 'Emergency prevention and response' },
    prefixes: ['8110'],
    rule: { uk: 'ТПКВКМБ 8110', en: 'TPKVKMB 8110' },
  },
  {
    id: 'civil_protection',
    basis: 'program',
    name: { uk: 'Цивільний захист і безпека', en: 'Civil protection and safety' },
    prefixes: ['8120', '8130', '8230'],
    rule: { uk: 'ТПКВКМБ 8120 (рятування на водах), 8130 (пожежна охорона), 8230 (інші заходи безпеки)', en: 'TPKVKMB 8120 (water rescue), 8130 (fire protection), 8230 (other public safety)' },
  },
  {
    id: 'territorial_defence',
    basis: 'program',
    name: { uk: 'Територіальна оборона і мобілізаційна підготовка', en: 'Territorial defence and mobilisation' },
    prefixes: ['8210', '8220', '8240'],
    rule: { uk: 'ТПКВКМБ 8210, 8220, 8240', en: 'TPKVKMB 8210, 8220, 8240' },
  },
  {
    id: 'housing_utilities',
    basis: 'program',
    name: { uk: 'Житлово-комунальне господарство', en: 'Housing and utilities' },
    prefixes: ['60'],
    rule: { uk: 'ТПКВКМБ 6000–6090 (60xx)', en: 'TPKVKMB 6000–6090 (60xx)' },
  },
  {
    id: 'roads',
    basis: 'program',
    name: { uk: 'Автомобільні дороги', en: 'Roads' },
    prefixes: ['743', '746'],
    rule: { uk: 'ТПКВКМБ 743x, 746x (дорожнє господарство)', en: 'TPKVKMB 743x, 746x (roads)' },
  },
  {
    id: 'communal_enterprise_contributions',
    basis: 'program',
    name: { uk: 'Внески до статутного капіталу', en: 'Contributions to enterprises’ capital' },
    prefixes: ['7670'],
    rule: { uk: 'ТПКВКМБ 7670', en: 'TPKVKMB 7670' },
  },
];

/** The 4-digit standard programme code of a programme code (`0116030` → `6030`). */
export const standardProgramCode = (code: string): string => (code.length === 7 ? code.slice(3) : code);
