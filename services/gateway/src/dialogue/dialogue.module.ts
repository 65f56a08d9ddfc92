import { Module } from '@nestjs/common';
import { DialogueEventsController, DialogueFeedsController } from './events.controller';
import { DialogueRegistrationsController } from './registrations.controller';

@Module({
  controllers: [DialogueFeedsController, DialogueEventsController, DialogueRegistrationsController],
})
export class DialogueGatewayModule {}
