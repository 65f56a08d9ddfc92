import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateOrganizationRequest,
  DIASPORA_OPS,
  GeoJsonFeatureCollection,
  IdRequest,
  ListOrganizationsRequest,
  OrganizationView,
  Page,
  Principal,
  UpdateOrganizationRequest,
} from '@vidnova/contracts';
import { CallerPrincipal, Handles } from '@vidnova/messaging';
import { OrganizationsService } from './organizations.service';

@Controller()
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Handles(DIASPORA_OPS.organizationCreate)
  create(@Payload() req: CreateOrganizationRequest, @CallerPrincipal() who: Principal | undefined): Promise<OrganizationView> {
    return this.organizations.create(req, who);
  }

  @Handles(DIASPORA_OPS.organizationGet)
  get(@Payload() req: IdRequest, @CallerPrincipal() who: Principal | undefined): Promise<OrganizationView> {
    return this.organizations.get(req.id, who);
  }

  @Handles(DIASPORA_OPS.organizationList)
  list(@Payload() req: ListOrganizationsRequest, @CallerPrincipal() who: Principal | undefined): Promise<Page<OrganizationView>> {
    return this.organizations.list(req, who);
  }

  @Handles(DIASPORA_OPS.organizationUpdate)
  update(@Payload() req: UpdateOrganizationRequest, @CallerPrincipal() who: Principal | undefined): Promise<OrganizationView> {
    return this.organizations.update(req, who);
  }

  @Handles(DIASPORA_OPS.organizationDelete)
  delete(@Payload() req: IdRequest, @CallerPrincipal() who: Principal | undefined): Promise<void> {
    return this.organizations.delete(req.id, who);
  }

  @Handles(DIASPORA_OPS.organizationErasePersonalData)
  erase(@Payload() req: IdRequest, @CallerPrincipal() by: Principal | undefined): Promise<OrganizationView> {
    return this.organizations.erasePersonalData(req.id, by);
  }

  @Handles(DIASPORA_OPS.organizationGeoJson)
  geoJson(@Payload() req: ListOrganizationsRequest): Promise<GeoJsonFeatureCollection> {
    return this.organizations.geoJson(req);
  }
}
