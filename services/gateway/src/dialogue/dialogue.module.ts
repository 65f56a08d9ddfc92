import { Module } from '@nestjs/common';
import { DialogueContributionsController } from './contributions.controller';
import { DialogueEventsController, DialogueFeedsController } from './events.controller';
import { DialogueOutcomesController } from './outcomes.controller';
import { DialogueRegistrationsController } from './registrations.controller';

@Module({
  controllers: [DialogueFeedsController, DialogueEventsController, DialogueRegistrationsController, DialogueContributionsController, DialogueOutcomesController],
})
export class DialogueGatewayModule {}
