import { Text } from '../format';

/**
 * Why a section is missing. `not_applicable`: the source has figures per community only, and the report
 * is about an oblast — said plainly in the data gaps, but the report is not `partial` for it (nothing failed).
 */
export type GapReason = 'unavailable' | 'timeout' | 'no_data' | 'error' | 'not_applicable';

/** A section that is missing from a report: which service, why, and the sentence the report shows. */
export interface ReportGapEntry {
  source: string;
  reason: GapReason;
  /** The sentence in English (machines, logs and webhooks keep reading it here). */
  detail: string;
  /** The same sentence in Ukrainian and English: what the report's "data gaps" section shows. */
  message: Text;
}

/** The name of each gap reason, shown next to the service in the "data gaps" section. */
export const GAP_REASON_NAMES: Record<GapReason, Text> = {
  unavailable: { uk: 'недоступне', en: 'unavailable' },
  timeout: { uk: 'не відповіло вчасно', en: 'timeout' },
  no_data: { uk: 'немає даних', en: 'no data' },
  error: { uk: 'помилка', en: 'error' },
  not_applicable: { uk: 'лише для громади', en: 'per community only' },
};

/**
 * Every sentence a report says about a missing section, in Ukrainian and English — the one place
 * these messages are written (sources throw `SourceGap(reason, GAP_MESSAGES.x(...))`, gapOf uses the
 * first three for bus failures).
 */
export const GAP_MESSAGES = {
  unavailable: (service: string): Text => ({
    uk: `Сервіс ${service} не працює: жоден його екземпляр не прийняв запит`,
    en: `${service} is not running (no instance took the question)`,
  }),
  timeout: (service: string): Text => ({
    uk: `Сервіс ${service} не відповів вчасно`,
    en: `${service} did not answer in time`,
  }),
  error: (service: string, message: string): Text => ({
    uk: `Сервіс ${service} відповів помилкою: ${message}`,
    en: `${service}: ${message}`,
  }),
  noPriorities: (): Text => ({
    uk: 'Громада не опублікувала жодного переліку пріоритетів (consultations)',
    en: 'consultations: the community has published no priority list',
  }),
  noBudget: (budget: string, year: number): Text => ({
    uk: `У budget-analysis немає показників бюджету ${budget} за ${year} рік`,
    en: `budget-analysis has no figures of ${budget} for ${year}`,
  }),
  alignmentNeeds: (priorities: boolean, recovery: boolean): Text => ({
    uk: `Для індексу відповідності бракує ${[priorities ? 'опублікованих пріоритетів' : null, recovery ? 'видатків на відновлення за категоріями' : null].filter(Boolean).join(' і ')}`,
    en: `the alignment index needs ${[priorities ? 'published priorities' : null, recovery ? 'recovery spending by category' : null].filter(Boolean).join(' and ')}`,
  }),
  noEnterprises: (community: string): Text => ({
    uk: `У enterprise-efficiency не зареєстровано жодного комунального підприємства громади ${community}`,
    en: `enterprise-efficiency has no communal enterprise of ${community} registered`,
  }),
  perCommunityOnly: (service: string, oblast: Text): Text => ({
    uk: `${service} дає ці дані лише для окремої громади, тому звіт за областю (${oblast.uk}) цього розділу не містить (дані громад області не зводяться)`,
    en: `${service} answers these figures per community only, so this report on the oblast (${oblast.en}) has no such section (the communities' figures are not combined)`,
  }),
  noDialogue: (community: string, from: string, to: string): Text => ({
    uk: `У dialogue-events немає подій громади ${community} з ${from} по ${to}`,
    en: `dialogue-events has no events of ${community} from ${from} to ${to}`,
  }),
} as const;
