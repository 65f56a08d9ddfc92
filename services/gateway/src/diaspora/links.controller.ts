import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { DIASPORA_SUBJECTS, LinkView, Page } from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import { CreateLinkDto, LinkDto, LinkPageDto, ListLinksQueryDto } from './link.dto';

@ApiTags('diaspora')
@ApiSecurity('apiKey')
@Controller('api/v1/diaspora/links')
export class LinksController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @ApiOperation({
    summary: 'Record a cooperation link between organisations, or with a Ukrainian institution or community',
    description: 'An organisation party must be registered; a community party needs its KATOTTG code. The same link twice is 409.',
  })
  @ApiCreatedResponse({ type: LinkDto })
  @ApiUnprocessableEntityResponse({ description: 'An organisation party is not registered, or both parties are the same' })
  @ApiConflictResponse({ description: 'The same link (parties and type) is already recorded; `existingId` names it' })
  create(@Body() dto: CreateLinkDto): Promise<LinkView> {
    return this.bus.request(DIASPORA_SUBJECTS.linkCreate, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Find cooperation links' })
  @ApiOkResponse({ type: LinkPageDto })
  list(@Query() q: ListLinksQueryDto): Promise<Page<LinkView>> {
    return this.bus.request(DIASPORA_SUBJECTS.linkList, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: LinkDto })
  get(@Param('id') id: string): Promise<LinkView> {
    return this.bus.request(DIASPORA_SUBJECTS.linkGet, { id });
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string): Promise<void> {
    await this.bus.request(DIASPORA_SUBJECTS.linkDelete, { id });
  }
}
