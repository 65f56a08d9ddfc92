/**
 * The taxonomies of public dialogue, each defined once (services and the gateway use these lists;
 * docs/dialogue-methodology.md explains how they feed the involvement index).
 */

/** At which level an event happens. */
export const DIALOGUE_LEVELS = ['community', 'regional', 'national', 'diaspora', 'international'] as const;
export type DialogueLevel = (typeof DIALOGUE_LEVELS)[number];

export const EVENT_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

/** Accessibility services an event offers (and a registrant may ask for). */
export const ACCESSIBILITY_SERVICES = ['sign_language', 'step_free_access', 'captions', 'childcare'] as const;
export type AccessibilityService = (typeof ACCESSIBILITY_SERVICES)[number];

/** Who takes part: the stakeholder groups registrations, attendance and commitments are counted by. */
export const STAKEHOLDER_GROUPS = [
  'local_self_government',
  'council_member',
  'communal_enterprise',
  'civil_society_organization',
  'resident',
  'internally_displaced_person',
  'veteran',
  'business',
  'diaspora_organization',
  'donor_international_partner',
  'media',
  'academia',
] as const;
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];

/** Groups counted as civil society in the involvement figures (docs/dialogue-methodology.md). */
export const CIVIL_SOCIETY_GROUPS: readonly StakeholderGroup[] = [
  'civil_society_organization',
  'resident',
  'internally_displaced_person',
  'veteran',
  'diaspora_organization',
];

export const EVENT_STATUSES = ['planned', 'registration_open', 'registration_closed', 'held', 'minutes_published', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** The moves allowed from each status; anything else is 409. */
export const EVENT_TRANSITIONS: Readonly<Record<EventStatus, readonly EventStatus[]>> = {
  planned: ['registration_open', 'cancelled'],
  registration_open: ['registration_closed', 'cancelled'],
  registration_closed: ['held', 'cancelled'],
  held: ['minutes_published'],
  minutes_published: [],
  cancelled: [],
};

export const ORGANISER_KINDS = ['organization', 'diaspora_organization'] as const;
export type OrganiserKind = (typeof ORGANISER_KINDS)[number];

export const CONTRIBUTION_KINDS = ['question', 'comment'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

/** When a contribution was made, relative to the event's time. */
export const CONTRIBUTION_PHASES = ['before', 'during', 'after'] as const;
export type ContributionPhase = (typeof CONTRIBUTION_PHASES)[number];

export const COMMITMENT_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

/** What kind of body made a commitment. */
export const COMMITMENT_OWNER_TYPES = [
  'local_self_government',
  'council',
  'communal_enterprise',
  'civil_society_organization',
  'diaspora_organization',
  'business',
  'donor_international_partner',
  'state_body',
  'other',
] as const;
export type CommitmentOwnerType = (typeof COMMITMENT_OWNER_TYPES)[number];

export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Default time zone of an event. */
export const DEFAULT_EVENT_TIME_ZONE = 'Europe/Kyiv';

/** Counts by stakeholder group smaller than this are not shown to anyone but the organisers. */
export const MIN_PUBLIC_GROUP_COUNT = 5;
