import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';

/**
 * The API-key check for the folders that stand below auth/ (units/): they mark their routes with
 * these, and auth/ (which itself reads units) provides the check as ApiKeyCheck, so neither
 * imports the other both ways. The folders above auth/ use auth's ApiKeyGuard directly.
 */
export const ADMIN_ONLY = 'tthc:adminOnly';
/** Only an admin key may call this route. */
export const AdminOnly = () => SetMetadata(ADMIN_ONLY, true);

/** What auth/ provides: 401 without a valid key, 403 for a non-admin on an AdminOnly route. */
export abstract class ApiKeyCheck implements CanActivate {
  abstract canActivate(context: ExecutionContext): Promise<boolean>;
}

/** `@UseGuards(ApiKeyRequired)`: hands the request to the check auth/ provides. */
@Injectable()
export class ApiKeyRequired implements CanActivate {
  constructor(private readonly check: ApiKeyCheck) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    return this.check.canActivate(context);
  }
}
