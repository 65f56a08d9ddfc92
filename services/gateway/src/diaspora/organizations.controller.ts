import { Body, Controller, Delete, Get, Header, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, ApiSecurity, ApiTags, getSchemaPath } from '@nestjs/swagger';
import {
  DIASPORA_OPS,
  GeoJsonFeatureCollection,
  ListOrganizationsRequest,
  NewOrganization,
  OrganizationFields,
  OrganizationView,
  Page,
} from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import { AuditReads } from '../audit/audit.interceptor';
import { ApiProblems, ApiReply } from '../platform/api-docs';
import { ReplyNotStored } from '../platform/idempotency.interceptor';
import { DuplicateQuery } from './diaspora.http';

/** An organisation reply that names a person: never kept for Idempotency-Key replays. */
const hasContactPerson = (reply: unknown) => !!(reply as Partial<OrganizationView> | undefined)?.contactPerson;

@ApiTags('diaspora')
@ApiSecurity('apiKey')
@Controller('api/v1/diaspora/organizations')
export class OrganizationsController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @ApiOperation({
    summary: 'Register a diaspora or TPP organisation',
    description:
      'Name, country, city and type are required. A likely duplicate (same normalised name, country and city) is refused with 409 ' +
      'and the existing id in `existingId`, unless `allowDuplicate=true`.',
  })
  @ApiReply(DIASPORA_OPS.organizationCreate, { status: 201, description: 'Registered' })
  @ApiProblems(400, 409)
  @ReplyNotStored('personal data (the contact person)', hasContactPerson)
  create(@Body() organization: NewOrganization, @Query() q: DuplicateQuery): Promise<OrganizationView> {
    return this.bus.send(DIASPORA_OPS.organizationCreate, { organization, allowDuplicate: q.allowDuplicate ?? false });
  }

  @Get()
  @ApiOperation({
    summary: 'Find organisations',
    description: 'Filters combine (AND); `q` searches names and city in Ukrainian or Latin spelling. Ordered by registration, paged by cursor.',
  })
  @ApiReply(DIASPORA_OPS.organizationList)
  @ApiProblems(400)
  @AuditReads()
  list(@Query() q: ListOrganizationsRequest): Promise<Page<OrganizationView>> {
    return this.bus.send(DIASPORA_OPS.organizationList, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One organisation', description: 'The organisation with this id; 404 when there is none.' })
  @ApiReply(DIASPORA_OPS.organizationGet)
  @ApiProblems(404)
  @AuditReads()
  get(@Param('id') id: string): Promise<OrganizationView> {
    return this.bus.send(DIASPORA_OPS.organizationGet, { id });
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change some fields of an organisation',
    description:
      'Only the fields sent change. A change of name, city or country that makes it a likely duplicate of another organisation is ' +
      'refused with 409 unless `allowDuplicate=true`.',
  })
  @ApiReply(DIASPORA_OPS.organizationUpdate, { description: 'The organisation after the change' })
  @ApiProblems(400, 404, 409)
  @ReplyNotStored('personal data (the contact person)', hasContactPerson)
  update(@Param('id') id: string, @Body() changes: OrganizationFields, @Query() q: DuplicateQuery): Promise<OrganizationView> {
    return this.bus.send(DIASPORA_OPS.organizationUpdate, { id, changes, allowDuplicate: q.allowDuplicate ?? false });
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete an organisation', description: 'Removes the organisation from the registry; 404 when there is none.' })
  @ApiReply(DIASPORA_OPS.organizationDelete, { description: 'Deleted' })
  @ApiProblems(404)
  async delete(@Param('id') id: string): Promise<void> {
    await this.bus.send(DIASPORA_OPS.organizationDelete, { id });
  }

  @Post(':id/erase-personal-data')
  @ApiOperation({
    summary: "Erase the contact person's name and email",
    description: 'The erasure is recorded (when, by which key) and announced as a durable event; the rest of the record stays.',
  })
  @ApiReply(DIASPORA_OPS.organizationErasePersonalData, { description: 'The organisation without its contact person' })
  @ApiProblems(404)
  @ReplyNotStored('personal data (the contact person)', hasContactPerson)
  erase(@Param('id') id: string): Promise<OrganizationView> {
    return this.bus.send(DIASPORA_OPS.organizationErasePersonalData, { id });
  }
}

@ApiTags('diaspora')
@ApiSecurity('apiKey')
@Controller()
export class OrganizationsGeoJsonController {
  constructor(private readonly bus: BusClient) {}

  @Get('api/v1/diaspora/organizations.geojson')
  @Header('content-type', 'application/geo+json')
  @ApiOperation({
    summary: 'Organisations as GeoJSON points at city level (for maps)',
    description: 'Takes the same filters as the list (`limit` and `cursor` are ignored; at most 2000 features). Organisations without a city location are left out.',
  })
  @ApiExtraModels(GeoJsonFeatureCollection)
  @ApiResponse({
    status: 200,
    description: 'A GeoJSON FeatureCollection',
    content: { 'application/geo+json': { schema: { $ref: getSchemaPath(GeoJsonFeatureCollection) } } },
  })
  @ApiProblems(400)
  geoJson(@Query() q: ListOrganizationsRequest): Promise<GeoJsonFeatureCollection> {
    const { limit: _limit, cursor: _cursor, ...filters } = q;
    return this.bus.send(DIASPORA_OPS.organizationGeoJson, filters);
  }
}
