import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  CancellationResult,
  CancellationToken,
  DIALOGUE_EVENTS_OPS,
  NewRegistration,
  Page,
  RegistrationReceipt,
  RegistrationSummary,
  RegistrationView,
} from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import { AuditReads } from '../audit/audit.interceptor';
import { Roles } from '../auth/roles';
import { ApiProblems, ApiReply } from '../platform/api-docs';
import { ReplyNotStored } from '../platform/idempotency.interceptor';
import { sendTextPages } from '../platform/text-pages';
import { RegistrationsQuery } from './dialogue.http';
import type { FastifyReply } from 'fastify';

const OPS = DIALOGUE_EVENTS_OPS;

@ApiTags('dialogue')
@ApiSecurity('apiKey')
@Controller('api/v1/dialogue/events/:id')
export class DialogueRegistrationsController {
  constructor(private readonly bus: BusClient) {}

  @Post('registrations')
  @Roles('editor', 'partner', 'analyst', 'reader')
  @ApiOperation({
    summary: 'Register for an event',
    description:
      'Name and email with the time consent was given, stakeholder group and needs. A seat when one is free, else a place on the waitlist ' +
      '(`waitlistPosition`). The cancellation token is shown in this reply only. 409 outside the registration window, or when full without a waitlist.',
  })
  @ApiReply(OPS.register, { status: 201, description: 'Registered: confirmed or waitlisted, with the cancellation token' })
  @ApiProblems(400, 404, 409)
  @ReplyNotStored('the cancellation token and personal data')
  register(@Param('id') eventId: string, @Body() registration: NewRegistration): Promise<RegistrationReceipt> {
    return this.bus.send(OPS.register, { eventId, registration });
  }

  @Post('registrations/cancel')
  @Roles('editor', 'partner', 'analyst', 'reader')
  @ApiOperation({
    summary: 'Cancel a registration with its token',
    description: 'A freed seat goes at once to the first person on the waitlist. 404 for an unknown token; 409 when already cancelled or the event was held.',
  })
  @ApiReply(OPS.registrationCancel, { description: 'Cancelled' })
  @ApiProblems(400, 404, 409)
  cancel(@Param('id') eventId: string, @Body() body: CancellationToken): Promise<CancellationResult> {
    return this.bus.send(OPS.registrationCancel, { eventId, token: body.token });
  }

  @Get('registrations')
  @Roles('editor')
  @ApiOperation({ summary: "The event's registrations (organisers)", description: 'Names, emails and needs: for editors of the event’s communities and admins (403 otherwise). Reads are audited.' })
  @ApiReply(OPS.registrationList)
  @ApiProblems(400, 403, 404)
  @AuditReads()
  list(@Param('id') eventId: string, @Query() q: RegistrationsQuery): Promise<Page<RegistrationView>> {
    return this.bus.send(OPS.registrationList, { eventId, ...q });
  }

  @Get('registrations.csv')
  @Roles('editor')
  @ApiOperation({
    summary: "The event's registrations as CSV (organisers)",
    description:
      'One line per registration, confirmed, waitlisted and cancelled, in the order they came. Editors of the event’s communities and admins; audited. ' +
      'Sent as it is read, a page of registrations at a time, so an event of any size exports in one download.',
  })
  @ApiReply(OPS.registrationCsv, {
    description: 'CSV with a header line',
    example: 'id,status,waitlistPosition,name,email,stakeholderGroup,organization,language,accessibilityNeeds,consentRecordedAt,checkedInAt,createdAt\r\n' +
      '6650f1c2a9e4b2d1c3f4a5c1,confirmed,,Олена Коваленко,olena@example.org,resident,,uk,captions,2026-11-25T09:00:00Z,,2026-11-25T09:00:01.000Z\r\n',
  })
  @ApiProblems(403, 404)
  @AuditReads()
  csv(@Param('id') eventId: string, @Res() res: FastifyReply): Promise<void> {
    return sendTextPages(res, this.bus.textPages(OPS.registrationCsv, { eventId }), {
      contentType: 'text/csv; charset=utf-8',
      filename: `registrations-${eventId.replace(/[^A-Za-z0-9_-]/g, '')}.csv`,
    });
  }

  @Get('registration-summary')
  @ApiOperation({ summary: 'How many registered, by stakeholder group', description: 'For everyone: totals, waitlist, check-ins and counts by group, with groups under 5 people suppressed.' })
  @ApiReply(OPS.registrationSummary)
  @ApiProblems(404)
  summary(@Param('id') eventId: string): Promise<RegistrationSummary> {
    return this.bus.send(OPS.registrationSummary, { eventId });
  }

  @Post('registrations/:registrationId/check-in')
  @Roles('editor')
  @ApiOperation({ summary: 'Check a registrant in at the event', description: 'Organisers only; a waitlisted or cancelled registration is 409. Repeating it keeps the first check-in time.' })
  @ApiReply(OPS.registrationCheckIn, { description: 'The registration, checked in' })
  @ApiProblems(403, 404, 409)
  @ReplyNotStored('personal data (the registrant)')
  checkIn(@Param('id') eventId: string, @Param('registrationId') registrationId: string): Promise<RegistrationView> {
    return this.bus.send(OPS.registrationCheckIn, { eventId, registrationId });
  }

  @Post('registrations/:registrationId/erase-personal-data')
  @Roles('editor')
  @ApiOperation({ summary: "Erase a registrant's name and email", description: 'The erasure is recorded (when, by which key) and announced as a durable event with ids only; the counts stay.' })
  @ApiReply(OPS.registrationErase, { description: 'The registration without personal data' })
  @ApiProblems(403, 404)
  erase(@Param('id') eventId: string, @Param('registrationId') registrationId: string): Promise<RegistrationView> {
    return this.bus.send(OPS.registrationErase, { eventId, registrationId });
  }
}
