import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ListSchedulesRequest, Page, REPORTING_OPS, ScheduleChanges, ScheduleFields, ScheduleView } from '@vidnova/contracts';
import { BusClient } from '@vidnova/messaging';
import { Roles } from '../auth/roles';
import { ApiProblems, ApiReply } from '../platform/api-docs';

@ApiTags('reports')
@ApiSecurity('apiKey')
@Controller('api/v1/report-schedules')
export class ReportSchedulesController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @Roles('analyst', 'editor')
  @ApiOperation({
    summary: 'Schedule a report (cron expression in an IANA time zone, default Europe/Kyiv)',
    description:
      'Each time it fires, the run of the last complete `periodicity` period (in the schedule’s time zone) is queued, exactly as POST /api/v1/reports would; ' +
      'a period already run is not run again. `nextRunAt` says when it fires next. The schedule belongs to the key’s organisation (or the key).',
  })
  @ApiReply(REPORTING_OPS.scheduleCreate, { status: 201, description: 'Scheduled' })
  @ApiProblems(400, 403)
  create(@Body() schedule: ScheduleFields): Promise<ScheduleView> {
    return this.bus.send(REPORTING_OPS.scheduleCreate, { schedule });
  }

  @Get()
  @ApiOperation({ summary: 'Report schedules of this key’s organisation (all for admins)', description: 'Newest first, with the next run time of each.' })
  @ApiReply(REPORTING_OPS.scheduleList)
  @ApiProblems(400)
  list(@Query() q: ListSchedulesRequest): Promise<Page<ScheduleView>> {
    return this.bus.send(REPORTING_OPS.scheduleList, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One report schedule with its next run time', description: '404 when there is none.' })
  @ApiReply(REPORTING_OPS.scheduleGet)
  @ApiProblems(404)
  get(@Param('id') id: string): Promise<ScheduleView> {
    return this.bus.send(REPORTING_OPS.scheduleGet, { id });
  }

  @Patch(':id')
  @Roles('analyst', 'editor')
  @ApiOperation({ summary: 'Change when a schedule fires, its period or language', description: 'Only the organisation (or key) that owns it, or an admin (403 otherwise).' })
  @ApiReply(REPORTING_OPS.scheduleUpdate, { description: 'The schedule after the change' })
  @ApiProblems(400, 403, 404)
  update(@Param('id') id: string, @Body() changes: ScheduleChanges): Promise<ScheduleView> {
    return this.bus.send(REPORTING_OPS.scheduleUpdate, { id, changes });
  }

  @Delete(':id')
  @Roles('analyst', 'editor')
  @ApiOperation({ summary: 'Delete a schedule (its job scheduler too)', description: 'Runs it already queued stay. Only its owner or an admin.' })
  @ApiReply(REPORTING_OPS.scheduleDelete, { description: 'Deleted' })
  @ApiProblems(403, 404)
  async delete(@Param('id') id: string): Promise<void> {
    await this.bus.send(REPORTING_OPS.scheduleDelete, { id });
  }
}
