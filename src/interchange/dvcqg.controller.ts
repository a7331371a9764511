import { Body, Controller, HttpCode, Post, Req, Res, UnauthorizedException, UseFilters } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiKeysService, Caller } from '../auth/api-keys.service';
import { DVCQG_BAD_ENVELOPE, DvcqgAnswer } from './dvcqg-answer';
import { DvcqgExceptionFilter } from './dvcqg.filter';
import { DvcqgService } from './dvcqg.service';
import { DvcqgApi } from './dvcqg.api';

/**
 * The DVCQG national interchange (docs/figures.md §10), for provincial one-stop systems that
 * already send every dossier to the national portal: point a copy of that stream here.
 */
@ApiTags('dvcqg')
@Controller('api/v1/dvcqg')
@UseFilters(DvcqgExceptionFilter)
export class DvcqgController {
  constructor(
    private readonly dvcqg: DvcqgService,
    private readonly keys: ApiKeysService,
  ) {}

  /**
   * `{username: <key name>, password: <API key>}` → `{session, error_code: 0}`: the session is
   * the key itself (keys are 32 random bytes; nothing is kept per session), for senders that
   * log in before they send.
   */
  @Post('login')
  @HttpCode(200)
  @DvcqgApi.login()
  async login(@Body() body: unknown): Promise<DvcqgAnswer & { session?: string }> {
    const given = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const { username, password } = given;
    if (typeof username !== 'string' || typeof password !== 'string' || username.trim() === '' || password === '') {
      return { error_code: DVCQG_BAD_ENVELOPE, message: 'username and password are required: the API key\'s name and the key' };
    }
    if (!(await this.keys.authenticateNamed(username.trim(), password))) {
      throw new UnauthorizedException('username or password is not right (the API key\'s name and the key), or the key was revoked');
    }
    return { session: password, error_code: 0, message: 'Thành công' };
  }

  /** The envelope `{session, madonvi, service, isUpdating, data}`; `Authorization: Bearer` works too. */
  @Post()
  @HttpCode(200)
  @DvcqgApi.receive()
  async receive(@Body() body: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<DvcqgAnswer> {
    const caller = await this.callerOf(body, request);
    const answer = await this.dvcqg.handle(body, caller);
    if (answer.error_code === DVCQG_BAD_ENVELOPE) response.status(400);
    return answer;
  }

  private async callerOf(body: unknown, request: Request): Promise<Caller> {
    const session = body && typeof body === 'object' ? (body as Record<string, unknown>).session : undefined;
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    const key = typeof session === 'string' && session !== '' ? session : bearer;
    if (!key) throw new UnauthorizedException('session is required (from POST /api/v1/dvcqg/login, or an API key), or Authorization: Bearer <key>');
    const caller = await this.keys.authenticate(key);
    if (!caller) throw new UnauthorizedException('the session is not valid: the key is unknown or was revoked');
    return caller;
  }
}
