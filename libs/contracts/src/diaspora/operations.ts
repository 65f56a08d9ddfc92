import { IdRequest } from '../common';
import { ImportIdRequest } from '../imports';
import { noContent, op, pageOf } from '../operation';
import { GetHostStatsRequest, HostStatsImportReport, HostStatsSeries, ImportHostStatsRequest } from './host-country-statistics';
import { CreateInitiativeRequest, InitiativeView, ListInitiativesRequest, UpdateInitiativeRequest } from './initiative';
import { CreateLinkRequest, LinkView, ListLinksRequest } from './link';
import {
  CreateOrganizationRequest,
  GeoJsonFeatureCollection,
  ListOrganizationsRequest,
  OrganizationView,
  UpdateOrganizationRequest,
} from './organization';

/** Every bus operation of diaspora-registry (queue group `diaspora-registry`). */
export const DIASPORA_OPS = {
  organizationCreate: op('diaspora.organization.create.v1', CreateOrganizationRequest, OrganizationView),
  organizationGet: op('diaspora.organization.get.v1', IdRequest, OrganizationView),
  organizationList: op('diaspora.organization.list.v1', ListOrganizationsRequest, pageOf(OrganizationView)),
  organizationUpdate: op('diaspora.organization.update.v1', UpdateOrganizationRequest, OrganizationView),
  organizationDelete: op('diaspora.organization.delete.v1', IdRequest, noContent),
  organizationErasePersonalData: op('diaspora.organization.erase-personal-data.v1', IdRequest, OrganizationView),
  organizationGeoJson: op('diaspora.organization.geojson.v1', ListOrganizationsRequest, GeoJsonFeatureCollection),
  initiativeCreate: op('diaspora.initiative.create.v1', CreateInitiativeRequest, InitiativeView),
  initiativeGet: op('diaspora.initiative.get.v1', IdRequest, InitiativeView),
  initiativeList: op('diaspora.initiative.list.v1', ListInitiativesRequest, pageOf(InitiativeView)),
  initiativeUpdate: op('diaspora.initiative.update.v1', UpdateInitiativeRequest, InitiativeView),
  initiativeDelete: op('diaspora.initiative.delete.v1', IdRequest, noContent),
  linkCreate: op('diaspora.link.create.v1', CreateLinkRequest, LinkView),
  linkGet: op('diaspora.link.get.v1', IdRequest, LinkView),
  linkList: op('diaspora.link.list.v1', ListLinksRequest, pageOf(LinkView)),
  linkDelete: op('diaspora.link.delete.v1', IdRequest, noContent),
  /** Starts an import: answers at once with the import record (status `processing`), or 422 for a file that is not the table. */
  hostStatsImport: op('diaspora.host-country-statistics.import.v1', ImportHostStatsRequest, HostStatsImportReport),
  hostStatsImportGet: op('diaspora.host-country-statistics-import.get.v1', ImportIdRequest, HostStatsImportReport),
  hostStatsGet: op('diaspora.host-country-statistics.get.v1', GetHostStatsRequest, HostStatsSeries),
} as const;
