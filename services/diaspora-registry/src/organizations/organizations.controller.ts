import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateOrganizationRequest,
  DIASPORA_SUBJECTS,
  IdRequest,
  ListOrganizationsRequest,
  UpdateOrganizationRequest,
} from '@vidnova/contracts';
import { IsBoolean, IsOptional } from 'class-validator';
import { OrganizationsService } from './organizations.service';

class UpdateOrganizationMessage extends UpdateOrganizationRequest {
  @IsOptional() @IsBoolean()
  allowDuplicate?: boolean;
}

@Controller()
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @MessagePattern(DIASPORA_SUBJECTS.organizationCreate)
  create(@Payload() req: CreateOrganizationRequest) {
    return this.organizations.create(req);
  }

  @MessagePattern(DIASPORA_SUBJECTS.organizationGet)
  get(@Payload() req: IdRequest) {
    return this.organizations.get(req.id);
  }

  @MessagePattern(DIASPORA_SUBJECTS.organizationList)
  list(@Payload() req: ListOrganizationsRequest) {
    return this.organizations.list(req);
  }

  @MessagePattern(DIASPORA_SUBJECTS.organizationUpdate)
  update(@Payload() req: UpdateOrganizationMessage) {
    return this.organizations.update(req, req.allowDuplicate ?? false);
  }

  @MessagePattern(DIASPORA_SUBJECTS.organizationDelete)
  delete(@Payload() req: IdRequest) {
    return this.organizations.delete(req.id);
  }

  @MessagePattern(DIASPORA_SUBJECTS.organizationErasePersonalData)
  erase(@Payload() req: IdRequest) {
    return this.organizations.erasePersonalData(req.id);
  }

  @MessagePattern(DIASPORA_SUBJECTS.organizationGeoJson)
  geoJson(@Payload() req: ListOrganizationsRequest) {
    return this.organizations.geoJson(req);
  }
}
