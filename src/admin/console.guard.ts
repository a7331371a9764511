import { CanActivate, ExecutionContext, ForbiddenException, HttpException, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Caller } from '../auth/api-keys.service';
import { Staff, StaffAuthService } from '../auth/staff-auth.service';
import { StaffRole, roleAtLeast } from '../auth/staff.entities';
import { EnvironmentVariables } from '../config/configuration';
import { FormRefused, assertSameOrigin, sameToken } from './form-origin';

export const SESSION_COOKIE = 'tthc_session';
const ROLE = 'tthc:consoleRole';
/** The weakest role that may use this console route (default: viewer, i.e. any signed-in account). */
export const ConsoleRole = (role: StaffRole) => SetMetadata(ROLE, role);

export type ConsoleRequest = Request & { staff: Staff };

/** Thrown for a browser without a session: the filter sends it to the sign-in page. */
export class SignInRequired extends HttpException {
  constructor(readonly next: string) {
    super('sign in first', HttpStatus.UNAUTHORIZED);
  }
}

/**
 * Every console route: a valid session cookie, the route's role, and for every form post this
 * site's origin and the session's CSRF token — checked on the server, whatever the page showed or hid.
 */
@Injectable()
export class ConsoleGuard implements CanActivate {
  private readonly publicBaseUrl: string | undefined;

  constructor(
    private readonly auth: StaffAuthService,
    private readonly reflector: Reflector,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.publicBaseUrl = config.get('PUBLIC_BASE_URL', { infer: true });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    const posted = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    // Before the session: a post from another site is refused, signed in or not.
    if (posted) assertSameOrigin(request, this.publicBaseUrl);
    const staff = await this.auth.sessionFor(request.cookies?.[SESSION_COOKIE]);
    if (!staff) throw new SignInRequired(request.method === 'GET' ? request.originalUrl : '/admin');
    const needed = this.reflector.getAllAndOverride<StaffRole>(ROLE, [context.getHandler(), context.getClass()]) ?? 'viewer';
    if (!roleAtLeast(staff.account.role, needed)) throw new ForbiddenException(`this needs the ${needed} role`);
    if (posted) {
      // A multipart form (an upload) is parsed after the guards run: it carries the token in its URL.
      const sent = String((request.body as Record<string, unknown> | undefined)?._csrf ?? request.headers['x-csrf-token'] ?? request.query._csrf ?? '');
      if (!sameToken(sent, staff.csrfToken)) throw new FormRefused('formExpired');
    }
    request.staff = staff;
    return true;
  }
}

/**
 * The same caller the API's services check scope against: an admin account acts as an admin
 * key, every other account as a key of its unit (its unit and those below). Role checks
 * (viewer < staff < manager < admin) are the console routes' own, through @ConsoleRole.
 */
export function callerOf(staff: Staff): Caller {
  return staff.account.role === 'admin' ? { keyId: 0, role: 'admin', unit: null } : { keyId: 0, role: 'unit', unit: staff.unit };
}

/** How the audit log names a console user. */
export function actorOf(staff: Staff): string {
  return `staff:${staff.account.id} ${staff.account.email}`;
}
