import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, In, LessThan } from 'typeorm';
import { Clock } from '../common/clock';
import { Unit } from '../units/unit.entity';
import { UnitsService, isWithin } from '../units/units.service';
import { hashPassword, passwordProblems, verifyPassword } from './passwords';
import { SignInThrottle } from './sign-in-throttle';
import { STAFF_ROLES, StaffAccount, StaffRole, StaffSession, roleAtLeast } from './staff.entities';

export const SESSION_HOURS = 12;
const EMAIL = /^[^\s@<>(),;:"[\]]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** The signed-in person behind a console request. */
export interface Staff {
  account: StaffAccount;
  /** The unit the account is bound to (it sees that unit and those below); null for admin. */
  unit: Unit | null;
  sessionId: number;
  csrfToken: string;
}

/** An account as the console's list shows it (never its password hash). */
export interface AccountView {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
  unitCode: string | null;
  unitName: string | null;
  disabledAt: string | null;
  createdAt: string;
}

export class SignInRefused extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds = 0,
  ) {
    super(message);
  }
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class StaffAuthService {
  readonly throttle: SignInThrottle;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly clock: Clock,
  ) {
    this.throttle = new SignInThrottle(() => this.clock.now().getTime());
  }

  /**
   * `by`: the console account creating it. Anyone but an admin creates accounts only for units
   * in its own subtree, never an admin, and never a role above its own.
   */
  async createAccount(input: { email: string; name?: string; password: string; role: StaffRole; unitCode?: string | null }, by?: Staff): Promise<StaffAccount> {
    if (by && by.account.role !== 'admin') {
      if (input.role === 'admin' || (STAFF_ROLES.includes(input.role) && !roleAtLeast(by.account.role, input.role))) {
        throw new ForbiddenException(`this account may not create ${String(input.role)} accounts`);
      }
      const target = input.unitCode ? await this.units.getByCode(input.unitCode) : null;
      if (target && (!by.unit || !isWithin(target, by.unit))) throw new ForbiddenException(`this account may not create accounts for "${target.code}"`);
    }
    const email = String(input.email ?? '').trim().toLowerCase();
    const problems: string[] = [];
    if (!EMAIL.test(email)) problems.push(`email: "${input.email}" is not an e-mail address`);
    if (!STAFF_ROLES.includes(input.role)) problems.push(`role: must be one of ${STAFF_ROLES.join(', ')}`);
    problems.push(...passwordProblems(input.password, email));
    if (input.role !== 'admin' && !input.unitCode) problems.push('unitCode: is required for every role but admin');
    if (problems.length > 0) throw new BadRequestException({ message: 'the account was not created', errors: problems });
    const unit = input.role === 'admin' || !input.unitCode ? null : await this.units.getByCode(input.unitCode);
    const accounts = this.dataSource.getRepository(StaffAccount);
    if (await accounts.existsBy({ email })) throw new ConflictException(`an account for ${email} already exists`);
    const now = this.clock.now();
    return accounts.save(
      accounts.create({ email, name: (input.name ?? email).slice(0, 200), passwordHash: await hashPassword(input.password), role: input.role, unitId: unit?.id ?? null, disabledAt: null, createdAt: now, passwordChangedAt: now }),
    );
  }

  /** Checks the password (throttled per address and network address) and opens a session. */
  async signIn(emailInput: string, password: string, ip: string): Promise<{ token: string; staff: Staff }> {
    const email = String(emailInput ?? '').trim().toLowerCase();
    const wait = this.throttle.retryAfter(email, ip);
    if (wait > 0) throw new SignInRefused('too many failed attempts; try again later', Math.ceil(wait / 1000));
    const account = await this.dataSource.getRepository(StaffAccount).findOneBy({ email });
    // The hash is computed even for an unknown address, so the answer takes as long either way.
    const valid = await verifyPassword(String(password ?? ''), account?.passwordHash ?? DUMMY_HASH);
    if (!account || !valid || account.disabledAt) {
      this.throttle.failed(email, ip);
      throw new SignInRefused('wrong e-mail or password');
    }
    this.throttle.succeeded(email, ip);
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const sessions = this.dataSource.getRepository(StaffSession);
    await sessions.delete({ expiresAt: LessThan(now) });
    const session = await sessions.save(
      sessions.create({ tokenHash: tokenHash(token), accountId: account.id, csrfToken: randomBytes(24).toString('base64url'), createdAt: now, expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000) }),
    );
    return { token, staff: await this.staffOf(account, session) };
  }

  async sessionFor(token: string | undefined): Promise<Staff | null> {
    if (!token) return null;
    const session = await this.dataSource.getRepository(StaffSession).findOneBy({ tokenHash: tokenHash(token) });
    if (!session || session.expiresAt.getTime() <= this.clock.now().getTime()) return null;
    const account = await this.dataSource.getRepository(StaffAccount).findOneBy({ id: session.accountId });
    if (!account || account.disabledAt) return null;
    return this.staffOf(account, session);
  }

  async signOut(sessionId: number): Promise<void> {
    await this.dataSource.getRepository(StaffSession).delete({ id: sessionId });
  }

  async changePassword(staff: Staff, current: string, next: string): Promise<void> {
    if (!(await verifyPassword(String(current ?? ''), staff.account.passwordHash))) {
      throw new BadRequestException({ message: 'the password was not changed', errors: ['currentPassword: is not your current password'] });
    }
    const problems = passwordProblems(next, staff.account.email);
    if (problems.length > 0) throw new BadRequestException({ message: 'the password was not changed', errors: problems });
    await this.dataSource.transaction(async (manager) => {
      await manager.update(StaffAccount, staff.account.id, { passwordHash: await hashPassword(next), passwordChangedAt: this.clock.now() });
      // Every other browser signed in with the old password is signed out.
      await manager.createQueryBuilder().delete().from(StaffSession).where('accountId = :id AND id <> :session', { id: staff.account.id, session: staff.sessionId }).execute();
    });
  }

  /** Accounts, admins first then by e-mail; `unitIds` limits it to a subtree (null: all, for admins). */
  async listAccounts(unitIds: number[] | null): Promise<AccountView[]> {
    if (unitIds && unitIds.length === 0) return [];
    const accounts = await this.dataSource.getRepository(StaffAccount).find({ where: unitIds ? { unitId: In(unitIds) } : {}, order: { email: 'ASC' } });
    const ids = [...new Set(accounts.map((account) => account.unitId).filter((id): id is number => id !== null))];
    const units = ids.length > 0 ? await this.dataSource.getRepository(Unit).findBy({ id: In(ids) }) : [];
    const byId = new Map(units.map((unit) => [unit.id, unit]));
    return accounts
      .map((account) => {
        const unit = account.unitId === null ? null : byId.get(account.unitId) ?? null;
        return {
          id: account.id,
          email: account.email,
          name: account.name,
          role: account.role,
          unitCode: unit?.code ?? null,
          unitName: unit?.name ?? null,
          disabledAt: account.disabledAt ? account.disabledAt.toISOString() : null,
          createdAt: account.createdAt.toISOString(),
        };
      })
      .sort((a, b) => Number(b.role === 'admin') - Number(a.role === 'admin'));
  }

  /**
   * Disables an account and signs it out everywhere. An admin may disable any account but its
   * own; anyone else only non-admin accounts of its subtree (others are "not found").
   */
  async disableAccount(id: number, by: Staff): Promise<StaffAccount> {
    const accounts = this.dataSource.getRepository(StaffAccount);
    const account = Number.isInteger(id) ? await accounts.findOneBy({ id }) : null;
    const unit = account?.unitId != null ? await this.units.findById(account.unitId) : null;
    const allowed =
      account !== null && (by.account.role === 'admin' || (account.role !== 'admin' && unit !== null && by.unit !== null && isWithin(unit, by.unit)));
    if (!account || !allowed) throw new NotFoundException(`account ${id} does not exist`);
    if (account.id === by.account.id) throw new BadRequestException('an account cannot disable itself');
    if (account.disabledAt === null) {
      account.disabledAt = this.clock.now();
      await this.dataSource.transaction(async (manager) => {
        await manager.update(StaffAccount, account.id, { disabledAt: account.disabledAt });
        await manager.delete(StaffSession, { accountId: account.id });
      });
    }
    return account;
  }

  async accountByEmail(email: string): Promise<StaffAccount> {
    const account = await this.dataSource.getRepository(StaffAccount).findOneBy({ email: email.trim().toLowerCase() });
    if (!account) throw new NotFoundException(`no account for ${email}`);
    return account;
  }

  private async staffOf(account: StaffAccount, session: StaffSession): Promise<Staff> {
    const unit = account.unitId === null ? null : await this.units.findById(account.unitId);
    return { account, unit, sessionId: session.id, csrfToken: session.csrfToken };
  }
}

/** A valid hash of a random password, checked against when the address is unknown. */
const DUMMY_HASH = 'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA==$' + Buffer.alloc(64, 7).toString('base64');
