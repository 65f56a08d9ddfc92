export const ORGANIZATION_TYPES = [
  'association',
  'religious_community',
  'school',
  'media',
  'volunteer_initiative',
  'business_association',
  'professional_network',
  'student_youth_group',
  'foundation',
  'other',
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const FOCUS_AREAS = [
  'humanitarian_aid',
  'advocacy',
  'culture',
  'education',
  'recovery_reconstruction',
  'integration',
  'veterans',
  'other',
] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number];

export const SIZE_BANDS = ['1-10', '11-50', '51-250', '251-1000', '1000+'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];

export const VERIFICATION_STATUSES = ['unverified', 'self_reported', 'verified', 'disputed'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const INITIATIVE_TYPES = [
  'fundraising',
  'humanitarian_delivery',
  'advocacy',
  'education',
  'recovery_project',
  'other',
] as const;
export type InitiativeType = (typeof INITIATIVE_TYPES)[number];

export const INITIATIVE_STATUSES = ['planned', 'active', 'completed', 'cancelled'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

export const LINK_TYPES = [
  'partnership',
  'membership',
  'joint_project',
  'funding',
  'memorandum',
  'twinning',
  'other',
] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export const LINK_PARTY_KINDS = ['organization', 'community', 'institution'] as const;
export type LinkPartyKind = (typeof LINK_PARTY_KINDS)[number];

/** The day of the full-scale invasion; organisations founded after it are flagged. */
export const FULL_SCALE_INVASION_DATE = '2022-02-24';
