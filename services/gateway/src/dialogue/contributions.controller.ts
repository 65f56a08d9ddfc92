import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ContributionReport, ContributionThreads, ContributionView, DIALOGUE_EVENTS_OPS, HideContribution, NewContribution } from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import { Roles } from '../auth/roles';
import { ApiProblems, ApiReply } from '../platform/api-docs';

const OPS = DIALOGUE_EVENTS_OPS;

@ApiTags('dialogue')
@ApiSecurity('apiKey')
@Controller('api/v1/dialogue')
export class DialogueContributionsController {
  constructor(private readonly bus: BusClient) {}

  @Post('events/:id/contributions')
  @Roles('editor', 'partner', 'analyst', 'reader')
  @ApiOperation({
    summary: 'Ask a question or comment on an event',
    description: 'Before, during or after the event (the phase is set from the event’s time). `parentId` answers another contribution of the same event (422 otherwise). A cancelled event takes none (409).',
  })
  @ApiReply(OPS.contributionCreate, { status: 201, description: 'The contribution' })
  @ApiProblems(400, 404, 409, 422)
  create(@Param('id') eventId: string, @Body() contribution: NewContribution): Promise<ContributionView> {
    return this.bus.send(OPS.contributionCreate, { eventId, contribution });
  }

  @Get('events/:id/contributions')
  @ApiOperation({ summary: 'Questions and comments of an event, threaded', description: 'Most up-voted first, replies under each. Hidden ones show only the reason (their text and moderation history to editors of the event’s communities).' })
  @ApiReply(OPS.contributionList)
  @ApiProblems(404)
  list(@Param('id') eventId: string): Promise<ContributionThreads> {
    return this.bus.send(OPS.contributionList, { eventId });
  }

  @Post('contributions/:id/upvote')
  @Roles('editor', 'partner', 'analyst', 'reader')
  @ApiOperation({ summary: 'Up-vote a contribution', description: 'Once per API key; repeating it changes nothing.' })
  @ApiReply(OPS.contributionUpvote, { description: 'The contribution with its up-votes' })
  @ApiProblems(404)
  upvote(@Param('id') id: string): Promise<ContributionView> {
    return this.bus.send(OPS.contributionUpvote, { id });
  }

  @Post('contributions/:id/report')
  @Roles('editor', 'partner', 'analyst', 'reader')
  @ApiOperation({ summary: 'Report a contribution to the moderators', description: 'With a reason; counted once per API key.' })
  @ApiReply(OPS.contributionReport, { description: 'The contribution with its report count' })
  @ApiProblems(400, 404)
  report(@Param('id') id: string, @Body() body: ContributionReport): Promise<ContributionView> {
    return this.bus.send(OPS.contributionReport, { id, reason: body.reason });
  }

  @Post('contributions/:id/hide')
  @Roles('editor')
  @ApiOperation({ summary: 'Hide a contribution (moderation)', description: 'Editors of the event’s communities and admins, with a reason shown in its place. Recorded in the contribution’s moderation history and the audit log.' })
  @ApiReply(OPS.contributionHide, { description: 'The contribution, hidden' })
  @ApiProblems(400, 403, 404)
  hide(@Param('id') id: string, @Body() body: HideContribution): Promise<ContributionView> {
    return this.bus.send(OPS.contributionHide, { id, reason: body.reason });
  }

  @Post('contributions/:id/restore')
  @Roles('editor')
  @ApiOperation({ summary: 'Show a hidden contribution again (moderation)', description: 'Editors of the event’s communities and admins; 409 when it is not hidden. Recorded like hiding.' })
  @ApiReply(OPS.contributionRestore, { description: 'The contribution, visible' })
  @ApiProblems(403, 404, 409)
  restore(@Param('id') id: string): Promise<ContributionView> {
    return this.bus.send(OPS.contributionRestore, { id });
  }
}
