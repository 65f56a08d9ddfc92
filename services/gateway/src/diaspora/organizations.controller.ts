import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { DIASPORA_SUBJECTS, GeoJsonFeatureCollection, OrganizationView, Page } from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import {
  CreateOrganizationDto,
  DuplicateQueryDto,
  ListOrganizationsQueryDto,
  OrganizationDto,
  OrganizationPageDto,
  OrganizationPatchDto,
} from './organization.dto';

@ApiTags('diaspora')
@ApiSecurity('apiKey')
@Controller('api/v1/diaspora/organizations')
export class OrganizationsController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @ApiOperation({ summary: 'Register a diaspora or TPP organisation', description: 'A likely duplicate (same normalised name, country and city) is refused with 409 and the existing id, unless allowDuplicate=true.' })
  @ApiCreatedResponse({ type: OrganizationDto })
  @ApiConflictResponse({ description: 'Likely duplicate; `existingId` names the record' })
  create(@Body() dto: CreateOrganizationDto, @Query() q: DuplicateQueryDto): Promise<OrganizationView> {
    return this.bus.request(DIASPORA_SUBJECTS.organizationCreate, { organization: dto, allowDuplicate: q.allowDuplicate ?? false });
  }

  @Get()
  @ApiOperation({ summary: 'Find organisations' })
  @ApiOkResponse({ type: OrganizationPageDto })
  list(@Query() q: ListOrganizationsQueryDto): Promise<Page<OrganizationView>> {
    return this.bus.request(DIASPORA_SUBJECTS.organizationList, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: OrganizationDto })
  get(@Param('id') id: string): Promise<OrganizationView> {
    return this.bus.request(DIASPORA_SUBJECTS.organizationGet, { id });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of an organisation' })
  @ApiOkResponse({ type: OrganizationDto })
  update(@Param('id') id: string, @Body() dto: OrganizationPatchDto, @Query() q: DuplicateQueryDto): Promise<OrganizationView> {
    return this.bus.request(DIASPORA_SUBJECTS.organizationUpdate, { id, changes: dto, allowDuplicate: q.allowDuplicate ?? false });
  }

  @Delete(':id')
  @HttpCode(204)
  async delete(@Param('id') id: string): Promise<void> {
    await this.bus.request(DIASPORA_SUBJECTS.organizationDelete, { id });
  }

  @Post(':id/erase-personal-data')
  @HttpCode(200)
  @ApiOperation({ summary: "Erase the contact person's name and email; the erasure is recorded and announced" })
  @ApiOkResponse({ type: OrganizationDto })
  erase(@Param('id') id: string): Promise<OrganizationView> {
    return this.bus.request(DIASPORA_SUBJECTS.organizationErasePersonalData, { id });
  }
}

@ApiTags('diaspora')
@ApiSecurity('apiKey')
@Controller()
export class OrganizationsGeoJsonController {
  constructor(private readonly bus: BusClient) {}

  @Get('api/v1/diaspora/organizations.geojson')
  @Header('content-type', 'application/geo+json')
  @ApiOperation({ summary: 'Organisations as GeoJSON points at city level (for maps)', description: 'Takes the same filters as the list. Organisations without a city location are left out.' })
  geoJson(@Query() q: ListOrganizationsQueryDto): Promise<GeoJsonFeatureCollection> {
    const { limit: _limit, cursor: _cursor, ...filters } = q;
    return this.bus.request(DIASPORA_SUBJECTS.organizationGeoJson, filters);
  }

}
