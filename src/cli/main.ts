import { reportFailure } from './failure';
import { usage } from './usage';

/**
 * The command line: which command, each in its file, loaded only when asked for. The database
 * and the service's modules come in only once a command's own checks pass.
 */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'user' && rest[0] === 'create') return (await import('./user-command')).createUser(rest.slice(1));
  if (command === 'rollups' && (rest[0] === 'rebuild' || rest[0] === 'check')) return (await import('./rollups-command')).rollups(rest[0]);
  if (command === 'import') return (await import('./import-command')).importFile(rest);
  if (command === 'dvcqg' && rest[0] === 'replay') return (await import('./replay-command')).replayFile(rest.slice(1));
  return usage();
}

/** Runs the command and ends the process with its exit code. */
export function runCommandLine(argv: string[]): void {
  main(argv).then(
    (code) => process.exit(code),
    (error: unknown) => process.exit(reportFailure(error, 'Không nhập được / import failed: ')),
  );
}
