/**
 * The audit log as the folders below auth/ (units/) write it: auth/ provides it as AuditService,
 * as it provides ApiKeyCheck (api-key-check.ts), so units/ records the changes made through its
 * API without importing auth/.
 */
export abstract class AuditTrail {
  abstract record(actor: string, action: string, details: string, unitId?: number | null): Promise<void>;
}

/** What an API route's request carries once the key is checked (auth/'s Caller, as far as the log needs it). */
export interface KeyCaller {
  keyId: number;
  role: string;
}

/** How the audit log names an API caller. */
export function keyActor(caller: KeyCaller): string {
  return caller.keyId ? `key:${caller.keyId}` : `${caller.role}`;
}
