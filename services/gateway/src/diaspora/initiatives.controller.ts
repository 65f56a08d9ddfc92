import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { DIASPORA_OPS, DomainError, InitiativeFields, InitiativeView, ListInitiativesRequest, NewInitiative, Page } from '@vidnova/contracts';
import { communityByKatottg } from '@vidnova/reference';
import { BusClient } from '@vidnova/messaging';
import { ApiProblems, ApiReply } from '../platform/api-docs';
import { CommunityInitiativesQuery, CommunityParam } from './diaspora.http';

@ApiTags('diaspora')
@ApiSecurity('apiKey')
@Controller('api/v1/diaspora/initiatives')
export class InitiativesController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @ApiOperation({
    summary: 'Record a diaspora initiative (fundraising, humanitarian delivery, advocacy, education, recovery project)',
    description:
      'Every organiser must be a registered organisation and the target hromada a known KATOTTG code (422 naming the field otherwise). ' +
      'Amounts are integers in minor units of an ISO 4217 currency, one total per currency; the end may not be before the start.',
  })
  @ApiReply(DIASPORA_OPS.initiativeCreate, { status: 201, description: 'Recorded' })
  @ApiProblems(400, 422)
  create(@Body() initiative: NewInitiative): Promise<InitiativeView> {
    return this.bus.send(DIASPORA_OPS.initiativeCreate, { initiative });
  }

  @Get()
  @ApiOperation({ summary: 'Find initiatives', description: 'Filters by type, status, organiser and target hromada; paged by cursor.' })
  @ApiReply(DIASPORA_OPS.initiativeList)
  @ApiProblems(400)
  list(@Query() q: ListInitiativesRequest): Promise<Page<InitiativeView>> {
    return this.bus.send(DIASPORA_OPS.initiativeList, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One initiative', description: 'The initiative with this id; 404 when there is none.' })
  @ApiReply(DIASPORA_OPS.initiativeGet)
  @ApiProblems(404)
  get(@Param('id') id: string): Promise<InitiativeView> {
    return this.bus.send(DIASPORA_OPS.initiativeGet, { id });
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change some fields of an initiative',
    description: 'Only the fields sent change; organisers named in the change must be registered (422 otherwise).',
  })
  @ApiReply(DIASPORA_OPS.initiativeUpdate, { description: 'The initiative after the change' })
  @ApiProblems(400, 404, 422)
  update(@Param('id') id: string, @Body() changes: InitiativeFields): Promise<InitiativeView> {
    return this.bus.send(DIASPORA_OPS.initiativeUpdate, { id, changes });
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete an initiative', description: 'Removes the initiative; 404 when there is none.' })
  @ApiReply(DIASPORA_OPS.initiativeDelete, { description: 'Deleted' })
  @ApiProblems(404)
  async delete(@Param('id') id: string): Promise<void> {
    await this.bus.send(DIASPORA_OPS.initiativeDelete, { id });
  }
}

@ApiTags('communities')
@ApiSecurity('apiKey')
@Controller('api/v1/communities')
export class CommunityInitiativesController {
  constructor(private readonly bus: BusClient) {}

  @Get(':katottg/diaspora-initiatives')
  @ApiOperation({
    summary: 'Diaspora initiatives aimed at a community (hromada)',
    description: 'Initiatives whose target is this hromada; 404 when the KATOTTG code is not a known community.',
  })
  @ApiReply(DIASPORA_OPS.initiativeList)
  @ApiProblems(400, 404)
  forCommunity(@Param() p: CommunityParam, @Query() q: CommunityInitiativesQuery): Promise<Page<InitiativeView>> {
    if (!communityByKatottg(p.katottg)) throw DomainError.notFound('Community', p.katottg);
    return this.bus.send(DIASPORA_OPS.initiativeList, { ...q, targetCommunityCode: p.katottg });
  }
}
