/**
 * HTTP-only shapes of the diaspora routes: path parameters and query strings. Everything else is
 * the contract class itself (libs/contracts/src/diaspora).
 */
import { PickType } from '@nestjs/swagger';
import { Katottg, ListInitiativesRequest, UpdateOrganizationRequest } from '@vidnova/contracts';

/** `?allowDuplicate=true` on create and change. */
export class DuplicateQuery extends PickType(UpdateOrganizationRequest, ['allowDuplicate'] as const) {}

export class CommunityParam {
  @Katottg({ description: 'KATOTTG code of the community (hromada)', example: 'UA74040030000093042' })
  katottg!: string;
}

/** The initiative filters that make sense under a community: the community is the path. */
export class CommunityInitiativesQuery extends PickType(ListInitiativesRequest, ['type', 'status', 'limit', 'cursor'] as const) {}
