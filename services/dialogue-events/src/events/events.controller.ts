import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CalendarRequest,
  ChangeEventStatusRequest,
  CreateEventRequest,
  DIALOGUE_EVENTS_OPS,
  EventView,
  IdRequest,
  ListEventsRequest,
  Page,
  Principal,
  TextPage,
  UpdateEventRequest,
} from '@vidnova/contracts';
import { CallerPrincipal, Handles } from '@vidnova/messaging';
import { EventsService } from './events.service';

/** Thin: each handler turns one bus operation into one service call. */
@Controller()
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Handles(DIALOGUE_EVENTS_OPS.eventCreate)
  create(@Payload() req: CreateEventRequest, @CallerPrincipal() who: Principal | undefined): Promise<EventView> {
    return this.events.create(req, who);
  }

  @Handles(DIALOGUE_EVENTS_OPS.eventGet)
  get(@Payload() req: IdRequest): Promise<EventView> {
    return this.events.get(req.id);
  }

  @Handles(DIALOGUE_EVENTS_OPS.eventList)
  list(@Payload() req: ListEventsRequest): Promise<Page<EventView>> {
    return this.events.list(req);
  }

  @Handles(DIALOGUE_EVENTS_OPS.eventUpdate)
  update(@Payload() req: UpdateEventRequest, @CallerPrincipal() who: Principal | undefined): Promise<EventView> {
    return this.events.update(req, who);
  }

  @Handles(DIALOGUE_EVENTS_OPS.eventStatus)
  status(@Payload() req: ChangeEventStatusRequest, @CallerPrincipal() who: Principal | undefined): Promise<EventView> {
    return this.events.changeStatus(req, who);
  }

  @Handles(DIALOGUE_EVENTS_OPS.calendar)
  calendar(@Payload() req: CalendarRequest): Promise<TextPage> {
    return this.events.calendar(req);
  }
}
