import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { DeliveryView, ListWebhooksRequest, Page, PageQuery, REPORTING_OPS, WebhookCreated, WebhookFields, WebhookView } from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import { Roles } from '../auth/roles';
import { ApiProblems, ApiReply } from '../platform/api-docs';
import { ReplyNotStored } from '../platform/idempotency.interceptor';

const SIGNING =
  'Each delivery is a POST with a JSON body `{ event, report }` and the headers `X-Vidnova-Event`, `X-Vidnova-Delivery`, ' +
  '`X-Vidnova-Timestamp` (Unix seconds) and `X-Vidnova-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>" with the secret>`. ' +
  'Verify it (Node): `crypto.timingSafeEqual(Buffer.from(sig), Buffer.from("v1=" + crypto.createHmac("sha256", secret).update(ts + "." + rawBody).digest("hex")))` ' +
  'and refuse timestamps older than 5 minutes. A non-2xx answer (or none within 10 s) is retried with exponential backoff.';

@ApiTags('reports')
@ApiSecurity('apiKey')
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @Roles('partner')
  @ApiOperation({
    summary: 'Receive report.completed / report.failed at a URL, signed with HMAC-SHA256',
    description:
      `${SIGNING} URLs that resolve to private, loopback or link-local addresses (e.g. 127.0.0.1, 10.x, 169.254.169.254) are refused with 400 ` +
      'unless the operator allow-list (WEBHOOK_ALLOWED_HOSTS) names the host (OWASP API7). The secret is in this answer only.',
  })
  @ApiReply(REPORTING_OPS.webhookCreate, { status: 201, description: 'Created; keep `secret`' })
  @ApiProblems(400, 403)
  @ReplyNotStored('the webhook signing secret', () => true)
  create(@Body() webhook: WebhookFields): Promise<WebhookCreated> {
    return this.bus.send(REPORTING_OPS.webhookCreate, { webhook });
  }

  @Get()
  @Roles('partner')
  @ApiOperation({ summary: 'Webhooks of this key’s organisation (all for admins)', description: 'Without their secrets.' })
  @ApiReply(REPORTING_OPS.webhookList)
  @ApiProblems(400)
  list(@Query() q: ListWebhooksRequest): Promise<Page<WebhookView>> {
    return this.bus.send(REPORTING_OPS.webhookList, q);
  }

  @Get(':id')
  @Roles('partner')
  @ApiOperation({ summary: 'One webhook', description: '404 for a webhook of another organisation.' })
  @ApiReply(REPORTING_OPS.webhookGet)
  @ApiProblems(404)
  get(@Param('id') id: string): Promise<WebhookView> {
    return this.bus.send(REPORTING_OPS.webhookGet, { id });
  }

  @Delete(':id')
  @Roles('partner')
  @ApiOperation({ summary: 'Stop deliveries to a webhook', description: 'Deliveries still queued are dropped. 404 for a webhook of another organisation.' })
  @ApiReply(REPORTING_OPS.webhookDelete, { description: 'Deleted' })
  @ApiProblems(404)
  async delete(@Param('id') id: string): Promise<void> {
    await this.bus.send(REPORTING_OPS.webhookDelete, { id });
  }

  @Get(':id/deliveries')
  @Roles('partner')
  @ApiOperation({ summary: 'Delivery log of a webhook: every attempt with its answer', description: 'Newest first: status pending, delivered or failed; each attempt with the receiver’s HTTP status or error and its duration.' })
  @ApiReply(REPORTING_OPS.webhookDeliveries)
  @ApiProblems(400, 404)
  deliveries(@Param('id') id: string, @Query() q: PageQuery): Promise<Page<DeliveryView>> {
    return this.bus.send(REPORTING_OPS.webhookDeliveries, { id, ...q });
  }
}
