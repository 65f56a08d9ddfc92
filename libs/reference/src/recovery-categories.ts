import { typicalProgramCode } from './program-codes';
import type { LocalizedText } from './types';

/**
 * Taxonomy of recovery needs used to tag consultations, projects and budget lines. Each category names
 * the programme codes (TPKVKMB, typical programme classification of local budget expenditures, Ministry
 * of Finance order No 793 of 20.09.2017 as amended) and functional codes (FKVKB) that fund it. Every code
 * belongs to at most one category, so budget amounts can be summed per category without double
 * counting; programme codes are the finer key (functional 0620 "communal services" covers water,
 * heating and street improvement alike). Every programme code in the KSE expenditure data of Shatsk,
 * Berezhany and Bakhmach is covered (see recovery-categories.spec.ts).
 * Economic codes (KEKV) say what was bought, not for which need, so only the recovery-investment codes
 * are mapped (RECOVERY_ECONOMIC_RULES below), and a category only where the code itself names the need.
 * Budget figures (budget-analysis) and consultation priorities (consultations) use these ids and no others.
 * Bump RECOVERY_CATEGORIES_VERSION when a category or code assignment changes (2025.2: economic rules).
 */
export const RECOVERY_CATEGORIES_VERSION = '2025.2';

export const RECOVERY_CATEGORY_IDS = [
  'housing',
  'water_sanitation',
  'heating',
  'energy',
  'roads_transport',
  'schools_kindergartens',
  'healthcare',
  'shelters_civil_protection',
  'social_services',
  'jobs_business',
  'culture_sport',
  'administrative_services',
  'other',
] as const;

export type RecoveryCategoryId = (typeof RECOVERY_CATEGORY_IDS)[number];

export interface RecoveryCategory {
  id: RecoveryCategoryId;
  name: LocalizedText;
  /** 4-digit TPKVKMB codes. */
  programCodes: readonly string[];
  /** 4-digit FKVKB codes. */
  functionalCodes: readonly string[];
}

export const RECOVERY_CATEGORIES: readonly RecoveryCategory[] = [
  {
    id: 'housing',
    name: { uk: 'Житло', en: 'Housing' },
    // 6010-6011 housing stock, 6017 other housing & communal operations, 6020 communal enterprises,
    // 6082-6084 housing for eligible groups / orphans / preferential loans, 6090 other, 7310 construction
    programCodes: ['6010', '6011', '6017', '6020', '6082', '6083', '6084', '6090', '7310'],
    functionalCodes: ['0610', '0640', '1060'],
  },
  {
    id: 'water_sanitation',
    name: { uk: 'Водопостачання та водовідведення', en: 'Water and sanitation' },
    // 6013 water supply and sewerage, 6030 improvement of settlements (drainage, cleaning), 6040 drinking water
    programCodes: ['6013', '6030', '6040'],
    functionalCodes: ['0620'],
  },
  {
    id: 'heating',
    name: { uk: 'Теплопостачання', en: 'Heating' },
    // 6012 heat production, transport and supply; 6016 water and heat metering
    programCodes: ['6012', '6016'],
    functionalCodes: [],
  },
  {
    id: 'energy',
    name: { uk: 'Енергетика та енергоефективність', en: 'Energy and energy efficiency' },
    // 7640 energy saving measures
    programCodes: ['7640'],
    functionalCodes: ['0432', '0470'],
  },
  {
    id: 'roads_transport',
    name: { uk: 'Дороги та транспорт', en: 'Roads and transport' },
    // 7413 road transport, 7426 electric transport, 7442 other transport infrastructure,
    // 7461/7462 roads from the local budget / from the state subvention
    programCodes: ['7413', '7426', '7442', '7461', '7462'],
    functionalCodes: ['0451', '0453', '0454', '0455', '0456'],
  },
  {
    id: 'schools_kindergartens',
    name: { uk: 'Школи та садочки', en: 'Schools and kindergartens' },
    // 1010 pre-school, 1021/1031 general secondary (local funds / education subvention), 1061, 1070
    // out-of-school, 1080 art schools, 1141/1142 other education, 1151/1152/1154 inclusive resource
    // centres, 1160 teachers' development centres, 1181/1182 New Ukrainian School, 1200/1210 special
    // educational needs, 7321 construction of educational facilities
    programCodes: [
      '1010',
      '1021',
      '1031',
      '1061',
      '1070',
      '1080',
      '1141',
      '1142',
      '1151',
      '1152',
      '1154',
      '1160',
      '1181',
      '1182',
      '1200',
      '1210',
      '7321',
    ],
    functionalCodes: ['0910', '0921', '0922', '0930', '0941', '0942', '0950', '0960', '0990'],
  },
  {
    id: 'healthcare',
    name: { uk: 'Охорона здоров’я', en: 'Healthcare' },
    // 2010 multi-profile inpatient care, 2020 specialised inpatient, 2030 maternity, 2100 dental,
    // 2111/2113 primary care, 2144 diabetes, 2146 reimbursed medicines, 2151/2152 other, 7322 construction
    programCodes: ['2010', '2020', '2030', '2100', '2111', '2113', '2144', '2146', '2151', '2152', '7322'],
    functionalCodes: [
      '0721',
      '0722',
      '0724',
      '0726',
      '0731',
      '0732',
      '0733',
      '0734',
      '0740',
      '0761',
      '0762',
      '0763',
    ],
  },
  {
    id: 'shelters_civil_protection',
    name: { uk: 'Укриття та цивільний захист', en: 'Shelters and civil protection' },
    // 8110 emergencies, 8120 water rescue, 8130 fire brigades, 8210 municipal guards,
    // 8220 mobilisation preparedness, 8230 other public order and safety, 8240 territorial defence
    programCodes: ['8110', '8120', '8130', '8210', '8220', '8230', '8240'],
    functionalCodes: ['0320', '0380'],
  },
  {
    id: 'social_services',
    name: { uk: 'Соціальні послуги', en: 'Social services' },
    // 3032-3050 benefits and compensations, 3104 home care, 3112/3121/3123 children, family and
    // social-service centres, 3131 youth, 3140 children's recreation, 3160 carers, 3171, 3191/3192
    // veterans, 3241/3242 other social protection, 7323 construction of social facilities
    programCodes: [
      '3032',
      '3033',
      '3035',
      '3050',
      '3104',
      '3112',
      '3121',
      '3123',
      '3131',
      '3140',
      '3160',
      '3171',
      '3191',
      '3192',
      '3241',
      '3242',
      '7323',
    ],
    functionalCodes: ['1010', '1020', '1030', '1040', '1070', '1090'],
  },
  {
    id: 'jobs_business',
    name: { uk: 'Робочі місця та підприємництво', en: 'Jobs and business' },
    // 3210 public works, 7110 agriculture programmes, 7610 support for small and medium business
    programCodes: ['3210', '7110', '7610'],
    functionalCodes: ['0411', '0421', '0422', '1050'],
  },
  {
    id: 'culture_sport',
    name: { uk: 'Культура та спорт', en: 'Culture and sport' },
    // 4010-4082 theatres, philharmonics, libraries, museums, clubs, cinema, other culture;
    // 5011-5062 competitions, youth sports schools, sports facilities, "Sport for all", elite sport;
    // 7324/7325 construction of cultural / sports facilities
    programCodes: [
      '4010',
      '4020',
      '4030',
      '4040',
      '4060',
      '4070',
      '4081',
      '4082',
      '5011',
      '5012',
      '5031',
      '5032',
      '5041',
      '5061',
      '5062',
      '7324',
      '7325',
    ],
    functionalCodes: ['0810', '0821', '0822', '0823', '0824', '0827', '0828', '0829'],
  },
  {
    id: 'administrative_services',
    name: { uk: 'Адміністративні послуги та управління', en: 'Administrative services and governance' },
    // 0150 council, 0160 executive bodies (incl. administrative service centres), 0170 training of
    // councillors and officials, 0180 other public administration, 7520 informatisation
    programCodes: ['0150', '0160', '0170', '0180', '7520'],
    functionalCodes: ['0111', '0131', '0133', '0460'],
  },
  {
    id: 'other',
    name: { uk: 'Інше', en: 'Other' },
    // 7130 land management, 7330 other communal construction, 7340 monuments, 7350 spatial planning,
    // 7361-7370 regional development and investment projects, 7650-7700 other economic activity,
    // 8330/8340 environment, 8420 media, 8710/8775 reserve fund, 9750-9800 transfers to other budgets
    programCodes: [
      '7130',
      '7330',
      '7340',
      '7350',
      '7361',
      '7363',
      '7369',
      '7370',
      '7650',
      '7660',
      '7670',
      '7680',
      '7691',
      '7693',
      '7700',
      '8330',
      '8340',
      '8420',
      '8710',
      '8775',
      '9750',
      '9770',
      '9800',
    ],
    functionalCodes: ['0160', '0170', '0180', '0443', '0490', '0511', '0512', '0513', '0520', '0540', '0830'],
  },
];

const byId = new Map(RECOVERY_CATEGORIES.map((c) => [c.id, c]));
const byProgram = new Map(RECOVERY_CATEGORIES.flatMap((c) => c.programCodes.map((p) => [p, c] as const)));
const byFunctional = new Map(
  RECOVERY_CATEGORIES.flatMap((c) => c.functionalCodes.map((f) => [f, c] as const)),
);

export function isRecoveryCategoryId(id: string): id is RecoveryCategoryId {
  return byId.has(id as RecoveryCategoryId);
}

export function recoveryCategory(id: string): RecoveryCategory | undefined {
  return byId.get(id as RecoveryCategoryId);
}

/** The category of a programme code (4- or 7-digit, leading zeros optional), if it has one. */
export function recoveryCategoryForProgramCode(code: string | number): RecoveryCategory | undefined {
  return /^\d{1,7}$/.test(String(code).trim()) ? byProgram.get(typicalProgramCode(code)) : undefined;
}

/** The category of a 4-digit functional code (leading zeros optional), if it has one. */
export function recoveryCategoryForFunctionalCode(code: string | number): RecoveryCategory | undefined {
  return byFunctional.get(String(code).trim().padStart(4, '0'));
}

/**
 * Recovery investment on the economic basis (KEKV): capital repair (313x), reconstruction and
 * restoration (314x) and capital transfers to enterprises (3210), each rule with the category its code
 * names, or null where the code does not tell the need (capital repair of "other objects" may be a
 * school or a road; the programme file, whose rows carry both codes, tells which). The first rule whose
 * prefix a 4-digit KEKV code starts with applies; a code matching none is not recovery investment.
 */
export interface EconomicRecoveryRule {
  /** KEKV code or code prefix. */
  prefix: string;
  category: RecoveryCategoryId | null;
  name: LocalizedText;
}

export const RECOVERY_ECONOMIC_RULES: readonly EconomicRecoveryRule[] = [
  { prefix: '3131', category: 'housing', name: { uk: 'Капітальний ремонт житлового фонду (приміщень)', en: 'Capital repair of housing' } },
  { prefix: '3141', category: 'housing', name: { uk: 'Реконструкція житлового фонду (приміщень)', en: 'Reconstruction of housing' } },
  {
    prefix: '3143',
    category: 'culture_sport',
    name: { uk: 'Реставрація пам’яток культури, історії та архітектури', en: 'Restoration of cultural, historical and architectural monuments' },
  },
  { prefix: '313', category: null, name: { uk: 'Капітальний ремонт інших об’єктів', en: 'Capital repair of other objects' } },
  { prefix: '314', category: null, name: { uk: 'Реконструкція та реставрація інших об’єктів', en: 'Reconstruction and restoration of other objects' } },
  { prefix: '321', category: null, name: { uk: 'Капітальні трансферти підприємствам', en: 'Capital transfers to enterprises' } },
];
