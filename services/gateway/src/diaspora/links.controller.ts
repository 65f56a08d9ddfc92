import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CreateLinkRequest, DIASPORA_OPS, LinkView, ListLinksRequest, Page } from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import { ApiProblems, ApiReply } from '../platform/api-docs';

@ApiTags('diaspora')
@ApiSecurity('apiKey')
@Controller('api/v1/diaspora/links')
export class LinksController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @ApiOperation({
    summary: 'Record a cooperation link between organisations, or with a Ukrainian institution or community',
    description:
      'An organisation party must be registered; a community party needs its KATOTTG code; an institution needs a name. ' +
      'The same link twice (in either direction) is 409; a link from a party to itself is 422.',
  })
  @ApiReply(DIASPORA_OPS.linkCreate, { status: 201, description: 'Recorded' })
  @ApiProblems(400, 409, 422)
  create(@Body() link: CreateLinkRequest): Promise<LinkView> {
    return this.bus.send(DIASPORA_OPS.linkCreate, link);
  }

  @Get()
  @ApiOperation({ summary: 'Find cooperation links', description: 'Filters by organisation (either party) and type; paged by cursor.' })
  @ApiReply(DIASPORA_OPS.linkList)
  @ApiProblems(400)
  list(@Query() q: ListLinksRequest): Promise<Page<LinkView>> {
    return this.bus.send(DIASPORA_OPS.linkList, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One cooperation link', description: 'The link with this id; 404 when there is none.' })
  @ApiReply(DIASPORA_OPS.linkGet)
  @ApiProblems(404)
  get(@Param('id') id: string): Promise<LinkView> {
    return this.bus.send(DIASPORA_OPS.linkGet, { id });
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a cooperation link', description: 'Removes the link; 404 when there is none.' })
  @ApiReply(DIASPORA_OPS.linkDelete, { description: 'Deleted' })
  @ApiProblems(404)
  async delete(@Param('id') id: string): Promise<void> {
    await this.bus.send(DIASPORA_OPS.linkDelete, { id });
  }
}
