import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@vidnova/contracts';
import { requestContext } from '@vidnova/logging';
import { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../platform/bus.module';
import { AddressLimits } from '../platform/limits';
import { ApiKeysService } from './api-keys.service';
import { PUBLIC_KEY, Role, ROLES_KEY, WRITING_ROLES } from './roles';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const ANONYMOUS = { keyId: 'anonymous', role: 'anonymous' };

/**
 * X-API-Key authentication and role checks. 401 without a valid key, 403 when the key's role may
 * not do this. The principal goes into the request context and from there into NATS headers.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly limits: AddressLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const handlers = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, handlers)) return true;
    const req = context
      .switchToHttp()
      .getRequest<{ method: string; ip?: string; headers: Record<string, string | undefined>; principal?: unknown }>();
    const isRead = READ_METHODS.has(req.method);
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, handlers);
    const presented = req.headers['x-api-key'];

    if (!presented) {
      if (isRead && !required && this.config.ALLOW_ANONYMOUS_READS) {
        // Services see an anonymous caller (public fields only), never "no caller" (another service, trusted).
        const store = requestContext.getStore();
        if (store) store.principal = ANONYMOUS;
        return true;
      }
      throw new DomainError('unauthenticated', 'An API key is required in the X-API-Key header');
    }
    const principal = await this.keys.authenticate(presented);
    if (!principal) {
      await this.limits.recordAuthFailure(req.ip);
      throw new DomainError('unauthenticated', 'The API key is not valid or has been revoked');
    }
    req.principal = principal;
    const store = requestContext.getStore();
    if (store) store.principal = principal;

    const allowed = required ?? (isRead ? null : WRITING_ROLES);
    if (allowed && principal.role !== 'admin' && !allowed.includes(principal.role)) {
      throw new DomainError('forbidden', `The role "${principal.role}" may not do this; it needs one of: ${allowed.join(', ')}`);
    }
    return true;
  }
}
