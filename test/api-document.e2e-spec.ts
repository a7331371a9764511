import { DriftReport } from './support/api-answers';
import { OpenApiCheck, OpenApiDocument, RecordedAnswer } from './support/openapi-check';
import { ADMIN_KEY, TestApp, bearer, startTestApp } from './support/test-app';

/**
 * The OpenAPI document an integrator generates a client from (`/api/docs-json`): every operation
 * says its request and its answers, errors included, each with an example; and the drift check
 * every e2e suite runs on close (test/support/openapi-check.ts) refuses answers it does not describe.
 */

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** Operations that answer whatever happens: no error to document. */
const CANNOT_FAIL = ['get /health/live'];

function operationsOf(document: Json): { key: string; path: string; operation: Json }[] {
  return Object.entries(document.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ key: `${method} ${path}`, path, operation: operation as Json })),
  );
}

const hasExample = (holder: Json): boolean => holder.example !== undefined || (holder.examples && Object.keys(holder.examples).length > 0) || holder.schema?.example !== undefined;

/** What an operation leaves unsaid: a response without content or schema, a parameter or a body without an example, … */
function gapsOf(key: string, path: string, operation: Json): string[] {
  const gaps: string[] = [];
  const responses = Object.entries((operation.responses ?? {}) as Json);
  // A route that by design never succeeds (the lookup without a code) says so, with why.
  if (!responses.some(([status]) => /^[23]/.test(status)) && typeof operation['x-never-succeeds'] !== 'string') gaps.push(`${key}: no success answer`);
  if (!CANNOT_FAIL.includes(key) && !responses.some(([status]) => /^[45]/.test(status))) gaps.push(`${key}: no error answer`);
  for (const [status, response] of responses) {
    if (!response.description) gaps.push(`${key} ${status}: no description`);
    if (status === '204' || status === '304') continue;
    const content = Object.entries((response.content ?? {}) as Json);
    if (content.length === 0) gaps.push(`${key} ${status}: no content type`);
    for (const [type, media] of content) {
      if (!/json$/.test(type)) continue;
      if (!media.schema) gaps.push(`${key} ${status} ${type}: no schema`);
      if (!hasExample(media)) gaps.push(`${key} ${status} ${type}: no example`);
    }
  }
  const parameters = (operation.parameters ?? []) as Json[];
  for (const parameter of parameters) if (!hasExample(parameter)) gaps.push(`${key}: parameter ${parameter.in} ${parameter.name} has no example`);
  for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
    if (!parameters.some((parameter) => parameter.in === 'path' && parameter.name === name)) gaps.push(`${key}: path parameter ${name} is not described`);
  }
  for (const [type, media] of Object.entries((operation.requestBody?.content ?? {}) as Json)) {
    if (!media.schema) gaps.push(`${key}: request body ${type} has no schema`);
    if (!hasExample(media)) gaps.push(`${key}: request body ${type} has no example`);
  }
  return gaps;
}

/** `$ref`s to components the document does not have (two classes of one name would also show here as drift). */
function danglingRefs(document: Json): string[] {
  const names = new Set(Object.keys(document.components?.schemas ?? {}));
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string' && !names.has(inner.replace('#/components/schemas/', ''))) found.add(inner);
      else walk(inner);
    }
  };
  walk(document);
  return [...found];
}

describe('the OpenAPI document', () => {
  let sut: TestApp;
  let document: OpenApiDocument & Json;

  beforeAll(async () => {
    sut = await startTestApp('sqlite', 'api_document');
    document = (await sut.http.get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => sut?.close());

  it('describes every operation: its answers (errors too) with a schema and an example, its parameters and body with an example', () => {
    const operations = operationsOf(document);
    const paths = Object.keys(document.paths).length;
    // Printed so a run shows how much the document covers; the floor only catches routes gone missing.
    console.log(`/api/docs-json: ${paths} paths, ${operations.length} operations, ${Object.keys(document.components?.schemas ?? {}).length} schemas`);
    expect(paths).toBeGreaterThanOrEqual(24);
    expect(operations.length).toBeGreaterThanOrEqual(35);
    expect(operations.flatMap(({ key, path, operation }) => gapsOf(key, path, operation))).toEqual([]);
    expect(danglingRefs(document)).toEqual([]);
  });

  it('gives examples that match their own schemas', () => {
    const check = new OpenApiCheck(document);
    const wrong: string[] = [];
    for (const { key, operation } of operationsOf(document)) {
      const bodies = [
        ...Object.entries((operation.responses ?? {}) as Json).flatMap(([status, response]) => Object.entries((response.content ?? {}) as Json).map(([type, media]) => ({ where: `${key} ${status} ${type}`, media }))),
        ...Object.entries((operation.requestBody?.content ?? {}) as Json).map(([type, media]) => ({ where: `${key} request ${type}`, media })),
      ];
      for (const { where, media } of bodies) {
        if (!media.schema || (media.schema.type === 'string' && media.schema.format === undefined)) continue;
        const examples = [media.example, ...Object.values((media.examples ?? {}) as Json).map((example) => example.value)].filter((example) => example !== undefined);
        for (const example of examples) {
          const mismatch = check.mismatchOf(media.schema, example);
          if (mismatch) wrong.push(`${where}: ${mismatch}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('leaves the staff console out: its pages are not the JSON API', () => {
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/admin'))).toEqual([]);
  });

  describe('the drift check', () => {
    const unit = { code: 'xa-a', name: 'Xã A', level: 'commune', parentCode: null, kind: null, agencyCode: null, validFrom: null, validTo: null };
    const answer = (over: Partial<RecordedAnswer> = {}): RecordedAnswer => ({
      method: 'GET', path: '/api/v1/units', route: '/api/v1/units', status: 200, contentType: 'application/json', body: JSON.stringify({ at: '2025-06-10', units: [unit] }), ...over,
    });
    const problemOf = (over: Partial<RecordedAnswer>) => new OpenApiCheck(document).problemOf(answer(over));

    it('passes an answer the document describes', () => {
      expect(problemOf({})).toBeNull();
      expect(problemOf({ status: 400, body: JSON.stringify({ statusCode: 400, message: 'at: "x" is not a date YYYY-MM-DD', error: 'Bad Request' }) })).toBeNull();
    });

    it('reports an answer missing a required property, or with one the schema does not name', () => {
      const { validTo: _, ...withoutValidTo } = unit;
      expect(problemOf({ body: JSON.stringify({ at: '2025-06-10', units: [withoutValidTo] }) })).toMatch(/\/units\/0 must have required property 'validTo'/);
      expect(problemOf({ body: JSON.stringify({ at: '2025-06-10', units: [{ ...unit, secret: 1 }] }) })).toMatch(/must NOT have additional properties "secret"/);
    });

    it('reports a wrong type, a value outside its enum and a malformed date', () => {
      expect(problemOf({ body: JSON.stringify({ at: '2025-06-10', units: [{ ...unit, name: 7 }] }) })).toMatch(/\/units\/0\/name must be string/);
      expect(problemOf({ body: JSON.stringify({ at: '2025-06-10', units: [{ ...unit, level: 'village' }] }) })).toMatch(/\/units\/0\/level must be equal to one of the allowed values/);
      expect(problemOf({ body: JSON.stringify({ at: '2025-02-30', units: [] }) })).toMatch(/\/at must match format "date"/);
    });

    it('reports a status, a content type, a method or a route the document does not have', () => {
      expect(problemOf({ status: 418 })).toMatch(/status 418 is not documented/);
      expect(problemOf({ contentType: 'text/html', body: '(body)' })).toMatch(/content type text\/html is not documented for 200/);
      expect(problemOf({ method: 'PATCH' })).toMatch(/PATCH is not documented for \/api\/v1\/units/);
      expect(problemOf({ path: '/api/v1/secrets', route: '/api/v1/secrets' })).toMatch(/the route \/api\/v1\/secrets is not in the document/);
      expect(problemOf({ method: 'DELETE', path: '/api/v1/api-keys/3', route: '/api/v1/api-keys/{id}', status: 204, contentType: 'application/json', body: '{}' })).toMatch(/status 204 should have no body/);
    });

    it('matches an answer no route took (the body parser’s refusals) by its path, and leaves alone the console and unknown paths', () => {
      const bodyParser = { method: 'POST', path: '/api/v1/dossiers', route: null, status: 413, body: JSON.stringify({ statusCode: 413, message: 'request entity too large' }) };
      expect(problemOf(bodyParser)).toBeNull();
      expect(problemOf({ ...bodyParser, body: JSON.stringify({ statusCode: 413 }) })).toMatch(/must have required property 'message'/);
      expect(problemOf({ path: '/admin/imports', route: '/admin/imports', contentType: 'text/html', body: '(body)' })).toBeNull();
      expect(problemOf({ path: '/no/such/page', route: null, status: 404 })).toBeNull();
    });
  });
});

describe('a suite whose answers the document does not describe', () => {
  it('fails at its end, naming the operation, the status and what did not match', async () => {
    // Its own report, so that this suite does not fail: the suite's report would fail it with these lines.
    const drift = new DriftReport();
    const sut = await startTestApp('sqlite', 'api_document_drift', { drift });
    await sut.http.get('/api/v1/units').expect(200);
    await sut.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send({ code: 'xa-a', name: 'Xã A', level: 'commune' }).expect(201);
    // As if the route had answered without a field its schema requires.
    const real = sut.answers.answers.find((recorded) => recorded.method === 'POST')!;
    const { validTo: _, ...answered } = JSON.parse(real.body);
    sut.answers.answers.push({ ...real, body: JSON.stringify(answered) });
    await sut.close();
    expect(() => drift.end()).toThrow(/answers that \/api\/docs-json does not describe[^]*\n {2}POST \/api\/v1\/units 201 → \(body\) must have required property 'validTo' in \{/);
    // An app closed after the suite's end (a root-level afterAll) is reported at once.
    expect(() => drift.add(['GET /x 200 → y'])).toThrow(/GET \/x 200 → y/);
  });
});
