import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateScheduleRequest, IdRequest, ListSchedulesRequest, Page, Principal, REPORTING_OPS, ScheduleView, UpdateScheduleRequest } from '@vidnova/contracts';
import { CallerPrincipal, Handles } from '@vidnova/messaging';
import { SchedulesService } from './schedules.service';

@Controller()
export class SchedulesController {
  constructor(private readonly schedules: SchedulesService) {}

  @Handles(REPORTING_OPS.scheduleCreate)
  create(@Payload() req: CreateScheduleRequest, @CallerPrincipal() who: Principal | undefined): Promise<ScheduleView> {
    return this.schedules.create(req, who);
  }

  @Handles(REPORTING_OPS.scheduleGet)
  get(@Payload() req: IdRequest): Promise<ScheduleView> {
    return this.schedules.get(req.id);
  }

  @Handles(REPORTING_OPS.scheduleList)
  list(@Payload() req: ListSchedulesRequest, @CallerPrincipal() who: Principal | undefined): Promise<Page<ScheduleView>> {
    return this.schedules.list(req, who);
  }

  @Handles(REPORTING_OPS.scheduleUpdate)
  update(@Payload() req: UpdateScheduleRequest, @CallerPrincipal() who: Principal | undefined): Promise<ScheduleView> {
    return this.schedules.update(req, who);
  }

  @Handles(REPORTING_OPS.scheduleDelete)
  delete(@Payload() req: IdRequest, @CallerPrincipal() who: Principal | undefined): Promise<void> {
    return this.schedules.delete(req.id, who);
  }
}
