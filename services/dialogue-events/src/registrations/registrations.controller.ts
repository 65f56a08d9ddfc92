import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CancellationResult,
  CancelRegistrationRequest,
  DIALOGUE_EVENTS_OPS,
  EventRef,
  ListRegistrationsRequest,
  Page,
  Principal,
  RegisterRequest,
  RegistrationCsvRequest,
  RegistrationReceipt,
  RegistrationRef,
  RegistrationSummary,
  RegistrationView,
  TextPage,
} from '@vidnova/contracts';
import { CallerPrincipal, Handles } from '@vidnova/messaging';
import { RegistrationsService } from './registrations.service';

@Controller()
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Handles(DIALOGUE_EVENTS_OPS.register)
  register(@Payload() req: RegisterRequest, @CallerPrincipal() who: Principal | undefined): Promise<RegistrationReceipt> {
    return this.registrations.register(req, who);
  }

  @Handles(DIALOGUE_EVENTS_OPS.registrationCancel)
  cancel(@Payload() req: CancelRegistrationRequest): Promise<CancellationResult> {
    return this.registrations.cancel(req);
  }

  @Handles(DIALOGUE_EVENTS_OPS.registrationCheckIn)
  checkIn(@Payload() req: RegistrationRef, @CallerPrincipal() who: Principal | undefined): Promise<RegistrationView> {
    return this.registrations.checkIn(req, who);
  }

  @Handles(DIALOGUE_EVENTS_OPS.registrationList)
  list(@Payload() req: ListRegistrationsRequest, @CallerPrincipal() who: Principal | undefined): Promise<Page<RegistrationView>> {
    return this.registrations.list(req, who);
  }

  @Handles(DIALOGUE_EVENTS_OPS.registrationCsv)
  csv(@Payload() req: RegistrationCsvRequest, @CallerPrincipal() who: Principal | undefined): Promise<TextPage> {
    return this.registrations.csv(req, who);
  }

  @Handles(DIALOGUE_EVENTS_OPS.registrationSummary)
  summary(@Payload() req: EventRef): Promise<RegistrationSummary> {
    return this.registrations.summary(req.eventId);
  }

  @Handles(DIALOGUE_EVENTS_OPS.registrationErase)
  erase(@Payload() req: RegistrationRef, @CallerPrincipal() who: Principal | undefined): Promise<RegistrationView> {
    return this.registrations.erase(req, who);
  }
}
