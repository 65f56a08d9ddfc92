/**
 * The one taxonomy of communal enterprises: legal forms and sectors, with their Ukrainian and English names.
 * Services, the gateway and the methodology use these keys and nothing else.
 */
export const LEGAL_FORMS = {
  communal_enterprise: { uk: 'Комунальне підприємство', en: 'Communal enterprise' },
  communal_nonprofit_enterprise: { uk: 'Комунальне некомерційне підприємство', en: 'Communal non-profit enterprise' },
  communal_institution: { uk: 'Комунальна установа', en: 'Communal institution' },
  company_with_communal_share: { uk: 'Товариство з часткою комунальної власності', en: 'Company with a communal share' },
} as const;
export type LegalForm = keyof typeof LEGAL_FORMS;
export const LEGAL_FORM_KEYS = Object.keys(LEGAL_FORMS) as LegalForm[];

export const SECTORS = {
  water_sewerage: { uk: 'Водопостачання та водовідведення', en: 'Water supply & sewerage' },
  heat_supply: { uk: 'Теплопостачання', en: 'Heat supply' },
  housing_maintenance: { uk: 'Утримання житлового фонду', en: 'Housing maintenance' },
  landscaping: { uk: 'Благоустрій', en: 'Landscaping & improvement' },
  waste: { uk: 'Поводження з відходами', en: 'Waste' },
  roads: { uk: 'Дороги', en: 'Roads' },
  public_transport: { uk: 'Громадський транспорт', en: 'Public transport' },
  primary_care: { uk: 'Первинна медична допомога', en: 'Primary care' },
  hospital: { uk: 'Лікарня', en: 'Hospital' },
  culture_sport: { uk: 'Культура і спорт', en: 'Culture & sport' },
  markets: { uk: 'Ринки', en: 'Markets' },
  other: { uk: 'Інше', en: 'Other' },
} as const;
export type Sector = keyof typeof SECTORS;
export const SECTOR_KEYS = Object.keys(SECTORS) as Sector[];

/** Units a statement may be declared in. */
export const STATEMENT_UNITS = ['UAH', 'thousand UAH'] as const;
export type StatementUnit = (typeof STATEMENT_UNITS)[number];

/** Kinds of budget support (KEKV where there is one). */
export const SUPPORT_KINDS = {
  operating_subsidy: { kekv: '2610', uk: 'Субсидії та поточні трансферти підприємствам', en: 'Operating subsidy' },
  capital_transfer: { kekv: '3210', uk: 'Капітальні трансферти підприємствам', en: 'Capital transfer' },
  charter_capital: { kekv: null, uk: 'Внесок до статутного капіталу', en: 'Contribution to charter capital' },
} as const;
export type SupportKind = keyof typeof SUPPORT_KINDS;
export const SUPPORT_KIND_KEYS = Object.keys(SUPPORT_KINDS) as SupportKind[];
