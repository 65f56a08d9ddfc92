import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateLinkRequest, DIASPORA_OPS, IdRequest, LinkView, ListLinksRequest, Page, Principal } from '@vidnova/contracts';
import { CallerPrincipal, Handles } from '@vidnova/messaging';
import { LinksService } from './links.service';

@Controller()
export class LinksController {
  constructor(private readonly links: LinksService) {}

  @Handles(DIASPORA_OPS.linkCreate)
  create(@Payload() req: CreateLinkRequest, @CallerPrincipal() who: Principal | undefined): Promise<LinkView> {
    return this.links.create(req, who);
  }

  @Handles(DIASPORA_OPS.linkGet)
  get(@Payload() req: IdRequest): Promise<LinkView> {
    return this.links.get(req.id);
  }

  @Handles(DIASPORA_OPS.linkList)
  list(@Payload() req: ListLinksRequest): Promise<Page<LinkView>> {
    return this.links.list(req);
  }

  @Handles(DIASPORA_OPS.linkDelete)
  delete(@Payload() req: IdRequest, @CallerPrincipal() who: Principal | undefined): Promise<void> {
    return this.links.delete(req.id, who);
  }
}
