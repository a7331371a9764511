import { parseArgs } from 'node:util';
import { validateEnvironment } from '../config/configuration';
import { reportFailure } from './failure';
import { askHidden, readStdin } from './password-prompt';
import { usage } from './usage';

/** `user create`: the first admin of a new installation comes from here. */
export async function createUser(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' } },
  });
  if (!values.email || !values.role) return usage();
  const password = process.env.TTHC_PASSWORD ?? (process.stdin.isTTY ? await askHidden('Mật khẩu / password: ') : await readStdin());
  validateEnvironment(process.env);
  const { openCliContext } = await import('./cli.module');
  const { StaffAuthService } = await import('../auth/staff-auth.service');
  const { AuditService } = await import('../auth/audit.service');
  const app = await openCliContext('user');
  try {
    const account = await app.get(StaffAuthService).createAccount({
      email: values.email,
      name: values.name,
      password: password.replace(/\r?\n$/, ''),
      role: values.role,
      unitCode: values.unit ?? null,
    });
    await app.get(AuditService).record('cli', 'account-created', `${account.email} (${account.role})`, account.unitId);
    process.stdout.write(`Đã tạo tài khoản / account created: ${account.email} (${account.role})\n`);
    return 0;
  } catch (error) {
    return reportFailure(error);
  } finally {
    await app.close();
  }
}
