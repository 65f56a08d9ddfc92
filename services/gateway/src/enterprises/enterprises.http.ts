/**
 * HTTP-only shapes of the enterprise routes: path parameters and query strings. Everything else is the
 * contract class itself (libs/contracts/src/enterprise-efficiency).
 */
import { OmitType, PickType } from '@nestjs/swagger';
import { EdrpouRequest, GetStatementsRequest, Katottg, KpiRequest, ListEnterprisesRequest, PostStatementRequest } from '@vidnova/contracts';

export class EdrpouParam extends EdrpouRequest {}

/** `?year=` (required). */
export class YearQuery extends PickType(KpiRequest, ['year'] as const) {}

/** `?year=` (optional). */
export class OptionalYearQuery extends PickType(GetStatementsRequest, ['year'] as const) {}

/** `?acceptWithWarnings=true` on posting a statement. */
export class StatementQuery extends PickType(PostStatementRequest, ['acceptWithWarnings'] as const) {}

export class KatottgParam {
  @Katottg({ description: 'KATOTTG code of the community (hromada)', example: 'UA07060450000051170' })
  katottg!: string;
}

/** The enterprise filters that make sense under a community: the community is the path. */
export class CommunityEnterprisesQuery extends OmitType(ListEnterprisesRequest, ['community'] as const) {}
