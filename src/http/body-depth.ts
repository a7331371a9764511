import type { NextFunction, Request, Response } from 'express';

/**
 * How deep a JSON body may nest. The service's bodies nest four or five levels (a batch, a
 * record, a reorganization's change with its list of codes); the validation pipe walks a body
 * recursively, and a body nested 100,000 levels deep overflowed its stack into a 500.
 */
export const MAX_BODY_DEPTH = 32;

/** The depth of `value`, walked with a stack of its own (no recursion), stopping past `limit`. */
export function depthBeyond(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
  return false;
}

/** Answers 400 for a parsed body nested deeper than MAX_BODY_DEPTH, before any pipe walks it. */
export function refuseDeepBodies(request: Request, response: Response, next: NextFunction): void {
  if (request.body !== null && typeof request.body === 'object' && depthBeyond(request.body, MAX_BODY_DEPTH)) {
    response.status(400).json({ statusCode: 400, error: 'Bad Request', message: `body: nested more than ${MAX_BODY_DEPTH} levels deep` });
    return;
  }
  next();
}
