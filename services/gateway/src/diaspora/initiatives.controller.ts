import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { DIASPORA_SUBJECTS, DomainError, InitiativeView, Page } from '@vidnova/contracts';
import { communityByKatottg } from '@vidnova/reference';
import { BusClient } from '@vidnova/messaging';
import {
  CommunityInitiativesQueryDto,
  CommunityParamDto,
  CreateInitiativeDto,
  InitiativeDto,
  InitiativePageDto,
  InitiativePatchDto,
  ListInitiativesQueryDto,
} from './initiative.dto';

@ApiTags('diaspora')
@ApiSecurity('apiKey')
@Controller('api/v1/diaspora/initiatives')
export class InitiativesController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @ApiOperation({
    summary: 'Record a diaspora initiative (fundraising, humanitarian delivery, advocacy, education, recovery project)',
    description: 'Every organiser must be a registered organisation (422 naming the field otherwise). Amounts are integers in minor units of an ISO 4217 currency.',
  })
  @ApiCreatedResponse({ type: InitiativeDto })
  @ApiUnprocessableEntityResponse({ description: 'An organiser is not registered, an unknown or repeated currency, or the end is before the start' })
  create(@Body() dto: CreateInitiativeDto): Promise<InitiativeView> {
    return this.bus.request(DIASPORA_SUBJECTS.initiativeCreate, { initiative: dto });
  }

  @Get()
  @ApiOperation({ summary: 'Find initiatives' })
  @ApiOkResponse({ type: InitiativePageDto })
  list(@Query() q: ListInitiativesQueryDto): Promise<Page<InitiativeView>> {
    return this.bus.request(DIASPORA_SUBJECTS.initiativeList, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: InitiativeDto })
  get(@Param('id') id: string): Promise<InitiativeView> {
    return this.bus.request(DIASPORA_SUBJECTS.initiativeGet, { id });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of an initiative' })
  @ApiOkResponse({ type: InitiativeDto })
  update(@Param('id') id: string, @Body() dto: InitiativePatchDto): Promise<InitiativeView> {
    return this.bus.request(DIASPORA_SUBJECTS.initiativeUpdate, { id, changes: dto });
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string): Promise<void> {
    await this.bus.request(DIASPORA_SUBJECTS.initiativeDelete, { id });
  }
}

@ApiTags('communities')
@ApiSecurity('apiKey')
@Controller('api/v1/communities')
export class CommunityInitiativesController {
  constructor(private readonly bus: BusClient) {}

  @Get(':katottg/diaspora-initiatives')
  @ApiOperation({ summary: 'Diaspora initiatives aimed at a community (hromada)' })
  @ApiOkResponse({ type: InitiativePageDto })
  @ApiNotFoundResponse({ description: 'No hromada has this KATOTTG code' })
  list(@Param() p: CommunityParamDto, @Query() q: CommunityInitiativesQueryDto): Promise<Page<InitiativeView>> {
    if (!communityByKatottg(p.katottg)) throw DomainError.notFound('Community', p.katottg);
    return this.bus.request(DIASPORA_SUBJECTS.initiativeList, { ...q, targetCommunityCode: p.katottg });
  }
}
