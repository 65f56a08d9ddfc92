import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateLinkRequest, DIASPORA_SUBJECTS, IdRequest, ListLinksRequest } from '@vidnova/contracts';
import { LinksService } from './links.service';

@Controller()
export class LinksController {
  constructor(private readonly links: LinksService) {}

  @MessagePattern(DIASPORA_SUBJECTS.linkCreate)
  create(@Payload() req: CreateLinkRequest) {
    return this.links.create(req);
  }

  @MessagePattern(DIASPORA_SUBJECTS.linkGet)
  get(@Payload() req: IdRequest) {
    return this.links.get(req.id);
  }

  @MessagePattern(DIASPORA_SUBJECTS.linkList)
  list(@Payload() req: ListLinksRequest) {
    return this.links.list(req);
  }

  @MessagePattern(DIASPORA_SUBJECTS.linkDelete)
  delete(@Payload() req: IdRequest) {
    return this.links.delete(req.id);
  }
}
