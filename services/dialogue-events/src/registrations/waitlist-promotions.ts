import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { EVENT_SUBJECTS } from '@vidnova/contracts';
import { Model } from 'mongoose';
import { OutboxRelay, pendingEvent } from '@vidnova/mongo';
import { REGISTRATION_MODEL, RegistrationDoc } from './registration.schema';

/** Records that someone on a waitlist got a seat and announces it (ids only) through the outbox. */
@Injectable()
export class WaitlistPromotions {
  private readonly logger = new Logger(WaitlistPromotions.name);

  constructor(
    @InjectModel(REGISTRATION_MODEL) private readonly model: Model<RegistrationDoc>,
    private readonly outbox: OutboxRelay,
  ) {}

  async announce(eventId: string, registrationIds: string[]): Promise<void> {
    if (!registrationIds.length) return;
    const at = new Date();
    for (const id of registrationIds) {
      await this.model
        .updateOne(
          { _id: id },
          {
            $set: { promotedAt: at },
            $push: { pendingEvents: pendingEvent(EVENT_SUBJECTS.dialogueWaitlistPromoted, { eventId, registrationId: id }) },
            $inc: { outboxVersion: 1 },
          },
        )
        .exec();
      this.outbox.kick(this.model as never, id);
    }
    this.logger.log({ msg: 'waitlist promoted', eventId, registrations: registrationIds.length });
  }
}
