import { CanActivate, ExecutionContext, ForbiddenException, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { ApiKeysService, Caller } from './api-keys.service';

const ADMIN_ONLY = 'tthc:adminOnly';
/** Only an admin key may call this route. */
export const AdminOnly = () => SetMetadata(ADMIN_ONLY, true);

export type AuthenticatedRequest = Request & { caller: Caller };

/** `Authorization: Bearer <api key>`: 401 without a valid key, 403 for a non-admin on admin routes. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
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
