/**
 * HTTP-only shapes of the dialogue routes: queries and bodies that differ from the bus payloads only
 * by what the path carries. Everything else is the contract class itself (libs/contracts/src/dialogue-events).
 */
import { OmitType, PickType } from '@nestjs/swagger';
import { CalendarRequest, InvolvementRequest, Katottg, ListEventsRequest, ListRegistrationsRequest, OblastInvolvementRequest } from '@vidnova/contracts';

export class KatottgParam {
  @Katottg({ description: 'KATOTTG code of the community (hromada)', example: 'UA07060450000051170' })
  katottg!: string;
}

export class OblastParam {
  @Katottg({ description: 'KATOTTG code of the oblast (level 1)', example: 'UA07000000000024379' })
  katottg!: string;
}

/** The event filters under a community: the community is the path. */
export class CommunityEventsQuery extends OmitType(ListEventsRequest, ['community'] as const) {}

/** `?level=` of the dialogue calendar feed. */
export class CalendarQuery extends PickType(CalendarRequest, ['level'] as const) {}

/** `?status=&limit=&cursor=` of an event's registrations. */
export class RegistrationsQuery extends OmitType(ListRegistrationsRequest, ['eventId'] as const) {}

/** `?from=&to=` of the involvement figures. */
export class InvolvementQuery extends OmitType(InvolvementRequest, ['community'] as const) {}

/** `?from=&to=` of an oblast's involvement figures. */
export class OblastInvolvementQuery extends OmitType(OblastInvolvementRequest, ['oblast'] as const) {}
