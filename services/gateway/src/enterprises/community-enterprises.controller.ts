import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CommunityOverview, ENTERPRISE_EFFICIENCY_OPS as OPS, EnterpriseView, Page } from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import { ApiProblems, ApiReply } from '../platform/api-docs';
import { CommunityEnterprisesQuery, KatottgParam, YearQuery } from './enterprises.http';

@ApiTags('enterprises')
@ApiSecurity('apiKey')
@Controller('api/v1/communities/:katottg/enterprises')
export class CommunityEnterprisesController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOperation({ summary: 'Enterprises owned by a community', description: 'The registry filtered by owner community; `sector` and `q` narrow it further.' })
  @ApiReply(OPS.enterpriseList)
  @ApiProblems(400)
  list(@Param() p: KatottgParam, @Query() q: CommunityEnterprisesQuery): Promise<Page<EnterpriseView>> {
    return this.bus.send(OPS.enterpriseList, { ...q, community: p.katottg });
  }

  @Get('overview')
  @ApiOperation({
    summary: 'Monitoring overview of a community\'s enterprises',
    description: 'Every enterprise of the community with its score (or why there is none), flags, budget support and procurement summary for the year.',
  })
  @ApiReply(OPS.communityOverview)
  @ApiProblems(400)
  overview(@Param() p: KatottgParam, @Query() q: YearQuery): Promise<CommunityOverview> {
    return this.bus.send(OPS.communityOverview, { katottg: p.katottg, year: q.year });
  }
}
