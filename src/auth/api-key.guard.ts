import { ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { ADMIN_ONLY, ApiKeyCheck } from '../common/api-key-check';
import { ApiKeysService, Caller } from './api-keys.service';

export { AdminOnly } from '../common/api-key-check';

export type AuthenticatedRequest = Request & { caller: Caller };

/** `Authorization: Bearer <api key>`: 401 without a valid key, 403 for a non-admin on admin routes. */
@Injectable()
export class ApiKeyGuard implements ApiKeyCheck {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new UnauthorizedException('an API key is required: Authorization: Bearer <key>');
    const caller = await this.keys.authenticate(match[1]);
    if (!caller) throw new UnauthorizedException('the API key is not valid or has been revoked');
    const adminOnly = this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, [context.getHandler(), context.getClass()]);
    if (adminOnly && caller.role !== 'admin') throw new ForbiddenException('this action needs an admin key');
    request.caller = caller;
    return true;
  }
}
