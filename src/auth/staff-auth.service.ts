import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, In, LessThan } from 'typeorm';
import { Clock } from '../common/clock';
import { cutText, quoteForError, textProblem } from '../common/text';
import { Unit } from '../units/unit.entity';
import { UnitsService, isWithin } from '../units/units.service';
import { AuditService } from './audit.service';
import { HashSlots, HashTurn } from './hash-slots';
import { isKnownBrowser, issueKnownBrowser } from './known-browser';
import { hashPassword, passwordProblems, verifyPassword } from './passwords';
import { Reservation, SignInFailureStore } from './sign-in-failures.store';
import { SignInNotes } from './sign-in-notes';
import { SignInThrottle } from './sign-in-throttle';
import { STAFF_ROLES, StaffAccount, StaffRole, StaffSession, isStaffRole, roleAtLeast } from './staff.entities';
import { DomainError, Problems } from '../common/domain-error';
import { phrase, textPhrase } from '../i18n/refusal-words';

export const SESSION_HOURS = 12;
const EMAIL = /^[^\s@<>(),;:"[\]]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** The signed-in person behind a console request. */
export interface Staff {
  account: StaffAccount;
  /** The unit the account is bound to (it sees that unit and those below); null for admin. */
  unit: Unit | null;
  sessionId: number;
  csrfToken: string;
  /** Failed sign-ins with the account's address between its previous sign-in and this one. */
  failedSignInsNotice: number;
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

/** Why a sign-in was refused; the console shows each in the same words for every address. */
export type SignInRefusal = 'wrongCredentials' | 'tooMany' | 'inFlight' | 'busy';

/**
 * A refused sign-in. The same answers whatever the reason: "wrong e-mail or password" (an
 * unknown address, a wrong password, a disabled account), "too many attempts" (this network
 * address, or the e-mail address locked, known or not), "another sign-in with this address is
 * being checked" and "busy" (too many password checks at once) — nothing that says an account
 * exists.
 */
export class SignInRefused extends Error {
  constructor(
    readonly reason: SignInRefusal,
    readonly retryAfterSeconds = 0,
  ) {
    super(`sign-in refused: ${reason}`);
  }
}

/** Seconds a refusal that is about the moment (a check in flight, a busy service) asks the browser to wait. */
const MOMENT_SECONDS = 1;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class StaffAuthService implements OnModuleDestroy {
  readonly throttle: SignInThrottle;
  private readonly failures: SignInFailureStore;
  private readonly notes: SignInNotes;
  private readonly hashes = new HashSlots();
  /** E-mail addresses whose sign-in is being checked on this instance: one at a time each. */
  private readonly inFlight = new Set<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly clock: Clock,
    audit: AuditService,
  ) {
    this.throttle = new SignInThrottle(() => this.clock.now().getTime());
    this.failures = new SignInFailureStore(dataSource);
    this.notes = new SignInNotes(dataSource, audit);
  }

  /** The writes a failed sign-in started after its answer are done before the database closes. */
  async onModuleDestroy(): Promise<void> {
    await this.notes.settled();
  }

  /** Every write started after a failed sign-in's answer is done (or logged): for the suites. */
  settled(): Promise<void> {
    return this.notes.settled();
  }

  /**
   * `by`: the console account creating it. Anyone but an admin creates accounts only for units
   * in its own subtree, never an admin, and never a role above its own.
   */
  async createAccount(input: { email: string; name?: string; password: string; role: string; unitCode?: string | null }, by?: Staff): Promise<StaffAccount> {
    if (by && by.account.role !== 'admin') {
      if (input.role === 'admin' || (isStaffRole(input.role) && !roleAtLeast(by.account.role, input.role))) {
        throw new DomainError('forbidden', `this account may not create ${String(input.role)} accounts`, {}, { message: phrase('errors.accounts.mayNotCreateRole', { role: String(input.role) }) });
      }
      const target = input.unitCode ? await this.units.getByCode(input.unitCode) : null;
      if (target && (!by.unit || !isWithin(target, by.unit))) throw new DomainError('forbidden', `this account may not create accounts for "${target.code}"`, {}, { message: phrase('errors.accounts.mayNotCreateFor', { unit: `"${target.code}"` }) });
    }
    const email = String(input.email ?? '').trim().toLowerCase();
    const problems = new Problems();
    const emailProblem = textProblem(email);
    if (emailProblem) problems.add(`email: ${emailProblem}`, textPhrase('email', email));
    else if (!EMAIL.test(email)) problems.add(`email: ${quoteForError(input.email)} is not an e-mail address`, phrase('errors.accounts.emailNotAddress', { value: quoteForError(input.email) }));
    const nameProblem = typeof input.name === 'string' ? textProblem(input.name) : null;
    if (nameProblem) problems.add(`name: ${nameProblem}`, textPhrase('accountName', input.name as string));
    // Any text may come (a form, the command line): every problem of the account is listed at once.
    const role = isStaffRole(input.role) ? input.role : null;
    if (role === null) problems.add(`role: must be one of ${STAFF_ROLES.join(', ')}`, phrase('errors.accounts.role', { roles: STAFF_ROLES.join(', ') }));
    problems.addAll(passwordProblems(input.password, email));
    if (input.role !== 'admin' && !input.unitCode) problems.add('unitCode: is required for every role but admin', phrase('errors.accounts.unitRequired'));
    if (problems.length > 0 || role === null) throw problems.refusal('invalid', 'the account was not created', phrase('errors.accounts.notCreated'));
    const unit = role === 'admin' || !input.unitCode ? null : await this.units.getByCode(input.unitCode);
    const accounts = this.dataSource.getRepository(StaffAccount);
    if (await accounts.existsBy({ email })) throw new DomainError('conflict', `an account for ${email} already exists`, {}, { message: phrase('errors.accounts.exists', { email }) });
    const now = this.clock.now();
    const passwordHash = await this.hashSignedIn(() => hashPassword(input.password));
    return accounts.save(
      accounts.create({ email, name: cutText(input.name ?? email, 200), passwordHash, role, unitId: unit?.id ?? null, disabledAt: null, createdAt: now, passwordChangedAt: now }),
    );
  }

  /**
   * Checks the password and opens a session. A browser that signed in to the account before
   * (`knownBrowser`, the mark this returns) is decided first: it is held neither by the
   * per-network-address throttle (an office behind one address would otherwise keep its owner
   * out) nor by the lock on the e-mail address; its own failures are throttled by its mark.
   * Any other attempt is refused by the throttle, by a check of the same address still in
   * flight on this instance, or by the lock (10 failures within 15 minutes from anywhere lock it
   * for 15 minutes); and every attempt when too many passwords are being checked already.
   * Each attempt is counted before its password is checked, and forgotten if it signs in.
   * Answers the session's token and the browser's new mark.
   */
  async signIn(emailInput: string, password: string, ip: string, knownBrowser?: string): Promise<{ token: string; staff: Staff; knownBrowser: string }> {
    // Bounded: the typed address keys the in-memory throttle (an e-mail address is at most 254).
    const email = cutText(String(emailInput ?? '').trim().toLowerCase(), 254);
    const now = this.clock.now();
    const account = await this.dataSource.getRepository(StaffAccount).findOneBy({ email });
    const known = account !== null && isKnownBrowser(knownBrowser, account, now);
    const source = known ? `known-browser:${knownBrowser}` : ip;
    const turn = this.admit(email, source, known);
    try {
      const reservation = known ? null : await this.failures.reserve(email, now);
      if (reservation && reservation.kind !== 'counted') {
        this.throttle.uncount(email, source);
        if (reservation.kind === 'contended') throw new SignInRefused('busy', MOMENT_SECONDS);
        // Refused unchecked; its owner is still told of the attempt.
        if (account) this.notes.failed(account.id);
        throw new SignInRefused('tooMany', Math.ceil(reservation.retryAfterMs / 1000));
      }
      // The hash is computed even for an unknown address, so the answer takes as long either way.
      const valid = await turn.run(() => verifyPassword(String(password ?? ''), account?.passwordHash ?? DUMMY_HASH));
      if (!account || !valid || account.disabledAt) {
        if (account && reservation) this.noteFailure(account, reservation, ip);
        throw new SignInRefused('wrongCredentials');
      }
      this.throttle.succeeded(email, source);
      if (reservation) await this.failures.clear(email, now, reservation.startedLock);
      return await this.openSession(account, now);
    } finally {
      turn.cancel();
      if (!known) this.inFlight.delete(email);
    }
  }

  /**
   * The checks an attempt meets before anything is awaited, so attempts sent at once meet them
   * one after another: the throttle, a check of the same address in flight, a turn to hash.
   * Passed, the attempt is counted by the throttle and holds the address's place in flight.
   */
  private admit(email: string, source: string, known: boolean): HashTurn {
    const wait = this.throttle.retryAfter(email, source);
    if (wait > 0) throw new SignInRefused('tooMany', Math.ceil(wait / 1000));
    if (!known && this.inFlight.has(email)) throw new SignInRefused('inFlight', MOMENT_SECONDS);
    const turn = this.hashes.enter(known);
    if (!turn) throw new SignInRefused('busy', MOMENT_SECONDS);
    this.throttle.failed(email, source);
    if (!known) this.inFlight.add(email);
    return turn;
  }

  /** A wrong password for an account: told to its owner, and audited when it locked the account, after the answer. */
  private noteFailure(account: StaffAccount, reservation: Reservation, ip: string): void {
    this.notes.failed(account.id);
    if (reservation.kind === 'counted' && reservation.startedLock) this.notes.locked(account, reservation.startedLock, ip);
  }

  private async openSession(account: StaffAccount, now: Date): Promise<{ token: string; staff: Staff; knownBrowser: string }> {
    const accounts = this.dataSource.getRepository(StaffAccount);
    // What the owner is told once signed in, every failure noted on this instance written first; then counted afresh.
    await this.notes.written(account.id);
    const unseen = (await accounts.findOne({ where: { id: account.id }, select: { id: true, failedSignInsUnseen: true } }))?.failedSignInsUnseen ?? 0;
    if (unseen > 0) await accounts.update(account.id, { failedSignInsUnseen: 0 });
    const token = randomBytes(32).toString('base64url');
    const sessions = this.dataSource.getRepository(StaffSession);
    await sessions.delete({ expiresAt: LessThan(now) });
    const session = await sessions.save(
      sessions.create({
        tokenHash: tokenHash(token),
        accountId: account.id,
        csrfToken: randomBytes(24).toString('base64url'),
        createdAt: now,
        expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
        failedSignInsNotice: unseen,
      }),
    );
    return { token, staff: await this.staffOf({ ...account, failedSignInsUnseen: 0 }, session), knownBrowser: issueKnownBrowser(account, now) };
  }

  /** A hash for someone signed in (or the command line): among the hashes at a time, never refused, before strangers' sign-ins. */
  private hashSignedIn<T>(hash: () => Promise<T>): Promise<T> {
    return this.hashes.enter(true)!.run(hash);
  }

  /** The owner has read the line about failed sign-ins: it is not shown again in this session. */
  async dismissFailedSignIns(sessionId: number): Promise<void> {
    await this.dataSource.getRepository(StaffSession).update(sessionId, { failedSignInsNotice: 0 });
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
    if (!(await this.hashSignedIn(() => verifyPassword(String(current ?? ''), staff.account.passwordHash)))) {
      throw new DomainError('invalid', 'the password was not changed', { errors: ['currentPassword: is not your current password'] }, {
        message: phrase('errors.passwords.notChanged'),
        errors: [phrase('errors.passwords.notCurrent')],
      });
    }
    const problems = passwordProblems(next, staff.account.email);
    if (problems.length > 0) throw problems.refusal('invalid', 'the password was not changed', phrase('errors.passwords.notChanged'));
    const passwordHash = await this.hashSignedIn(() => hashPassword(next));
    await this.dataSource.transaction(async (manager) => {
      await manager.update(StaffAccount, staff.account.id, { passwordHash, passwordChangedAt: this.clock.now() });
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
    if (!account || !allowed) throw new DomainError('not-found', `account ${id} does not exist`, {}, { message: phrase('errors.accounts.notFound', { id }) });
    if (account.id === by.account.id) throw new DomainError('invalid', 'an account cannot disable itself', {}, { message: phrase('errors.accounts.cannotDisableItself') });
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
    if (!account) throw new DomainError('not-found', `no account for ${email}`);
    return account;
  }

  private async staffOf(account: StaffAccount, session: StaffSession): Promise<Staff> {
    const unit = account.unitId === null ? null : await this.units.findById(account.unitId);
    return { account, unit, sessionId: session.id, csrfToken: session.csrfToken, failedSignInsNotice: session.failedSignInsNotice ?? 0 };
  }
}

/** A valid hash of a random password, checked against when the address is unknown. */
const DUMMY_HASH = 'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA==$' + Buffer.alloc(64, 7).toString('base64');
