import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateWebhookRequest, DeliveryView, IdRequest, ListDeliveriesRequest, ListWebhooksRequest, Page, Principal, REPORTING_OPS, WebhookCreated, WebhookView } from '@vidnova/contracts';
import { CallerPrincipal, Handles } from '@vidnova/messaging';
import { WebhooksService } from './webhooks.service';

@Controller()
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Handles(REPORTING_OPS.webhookCreate)
  create(@Payload() req: CreateWebhookRequest, @CallerPrincipal() who: Principal | undefined): Promise<WebhookCreated> {
    return this.webhooks.create(req, who);
  }

  @Handles(REPORTING_OPS.webhookGet)
  get(@Payload() req: IdRequest, @CallerPrincipal() who: Principal | undefined): Promise<WebhookView> {
    return this.webhooks.get(req.id, who);
  }

  @Handles(REPORTING_OPS.webhookList)
  list(@Payload() req: ListWebhooksRequest, @CallerPrincipal() who: Principal | undefined): Promise<Page<WebhookView>> {
    return this.webhooks.list(req, who);
  }

  @Handles(REPORTING_OPS.webhookDelete)
  delete(@Payload() req: IdRequest, @CallerPrincipal() who: Principal | undefined): Promise<void> {
    return this.webhooks.delete(req.id, who);
  }

  @Handles(REPORTING_OPS.webhookDeliveries)
  deliveries(@Payload() req: ListDeliveriesRequest, @CallerPrincipal() who: Principal | undefined): Promise<Page<DeliveryView>> {
    return this.webhooks.deliveriesOf(req, who);
  }
}
