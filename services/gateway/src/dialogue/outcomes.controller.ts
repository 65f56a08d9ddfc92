import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  CommitmentChanges,
  CommitmentView,
  DIALOGUE_EVENTS_OPS,
  Escalation,
  ListCommitmentsRequest,
  Minutes,
  MinutesView,
  NewCommitment,
  OverdueRunReport,
  OverdueRunRequest,
  Page,
} from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import { Roles } from '../auth/roles';
import { ApiProblems, ApiReply } from '../platform/api-docs';

const OPS = DIALOGUE_EVENTS_OPS;

@ApiTags('dialogue')
@ApiSecurity('apiKey')
@Controller('api/v1/dialogue')
export class DialogueOutcomesController {
  constructor(private readonly bus: BusClient) {}

  @Put('events/:id/minutes')
  @ApiOperation({
    summary: 'Record the minutes of a held event',
    description: 'Minutes uk/en, attendance by stakeholder group (else counted from check-ins) and decisions. Only while the event is held (409 otherwise); then publish with status `minutes_published`.',
  })
  @ApiReply(OPS.minutesRecord, { description: 'The minutes' })
  @ApiProblems(400, 403, 404, 409)
  recordMinutes(@Param('id') eventId: string, @Body() minutes: Minutes): Promise<MinutesView> {
    return this.bus.send(OPS.minutesRecord, { eventId, minutes });
  }

  @Get('events/:id/minutes')
  @ApiOperation({ summary: 'The minutes of an event', description: '404 when none are recorded.' })
  @ApiReply(OPS.minutesGet)
  @ApiProblems(404)
  minutes(@Param('id') eventId: string): Promise<MinutesView> {
    return this.bus.send(OPS.minutesGet, { eventId });
  }

  @Post('events/:id/commitments')
  @ApiOperation({
    summary: 'Record a commitment made at an event',
    description: 'Who promised what by when. At a held event (409 before), by those who may change the event (403 otherwise).',
  })
  @ApiReply(OPS.commitmentCreate, { status: 201, description: 'The commitment (open)' })
  @ApiProblems(400, 403, 404, 409)
  createCommitment(@Param('id') eventId: string, @Body() commitment: NewCommitment): Promise<CommitmentView> {
    return this.bus.send(OPS.commitmentCreate, { eventId, commitment });
  }

  @Get('commitments')
  @ApiOperation({ summary: 'Find commitments', description: '`overdue=true`: past the due date (Europe/Kyiv) and neither done nor dropped. Filters combine; newest first.' })
  @ApiReply(OPS.commitmentList)
  @ApiProblems(400)
  listCommitments(@Query() q: ListCommitmentsRequest): Promise<Page<CommitmentView>> {
    return this.bus.send(OPS.commitmentList, q);
  }

  @Post('commitments/overdue-run')
  @Roles('admin')
  @ApiOperation({ summary: 'Run the daily overdue job now', description: 'The job that runs each day at OVERDUE_CRON (Europe/Kyiv): marks overdue commitments and announces them on JetStream. `day` marks as of that day.' })
  @ApiReply(OPS.commitmentOverdueRun, { description: 'What the run marked' })
  @ApiProblems(400)
  runOverdue(@Body() body: OverdueRunRequest): Promise<OverdueRunReport> {
    return this.bus.send(OPS.commitmentOverdueRun, body, { timeoutMs: 60_000 });
  }

  @Get('commitments/:id')
  @ApiOperation({ summary: 'One commitment', description: 'With the events that carried it and its update log.' })
  @ApiReply(OPS.commitmentGet)
  @ApiProblems(404)
  getCommitment(@Param('id') id: string): Promise<CommitmentView> {
    return this.bus.send(OPS.commitmentGet, { id });
  }

  @Patch('commitments/:id')
  @ApiOperation({
    summary: 'Report progress on a commitment',
    description: 'Status, progress, evidence, due date…; each change is logged with who and when (`note` explains it). Its organisation, editors of its communities and admins (403 otherwise).',
  })
  @ApiReply(OPS.commitmentUpdate, { description: 'The commitment after the change' })
  @ApiProblems(400, 403, 404)
  updateCommitment(@Param('id') id: string, @Body() changes: CommitmentChanges): Promise<CommitmentView> {
    return this.bus.send(OPS.commitmentUpdate, { id, changes });
  }

  @Post('commitments/:id/escalate')
  @ApiOperation({
    summary: 'Carry a commitment on to a follow-up event at another level',
    description: 'E.g. from a community meeting to a regional round table; its path and update log are kept. Same level or unknown event: 422; done or dropped: 409.',
  })
  @ApiReply(OPS.commitmentEscalate, { description: 'The commitment at its new event' })
  @ApiProblems(400, 403, 404, 409, 422)
  escalate(@Param('id') id: string, @Body() body: Escalation): Promise<CommitmentView> {
    return this.bus.send(OPS.commitmentEscalate, { id, ...body });
  }
}
