import { MessagePattern } from '@nestjs/microservices';
import { Operation } from '@vidnova/contracts';
import { busSubject } from './namespace';

/**
 * Marks a NATS handler for one bus operation. The method must take the operation's request and return
 * its reply type, so the handler and the gateway cannot drift apart without a compile error.
 */
export function Handles<Req, Res>(operation: Operation<Req, Res>) {
  return <M extends (req: Req, ...rest: never[]) => Res | Promise<Res>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    MessagePattern(busSubject(operation.subject))(target, key, descriptor);
  };
}
