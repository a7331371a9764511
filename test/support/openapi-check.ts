import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The drift check: real answers of the e2e suites held against the service's own OpenAPI
 * document (`/api/docs-json`). An answer fails when its operation, its status or its content type
 * is not in the document, or when its JSON body does not match the documented schema. Objects
 * are checked closed: a property the schema does not name is a failure too (an integrator's
 * generated client would not know it), unless the schema says `additionalProperties` itself.
 */

/** One answer as the test app saw it leave (see api-answers.ts). */
export interface RecordedAnswer {
  method: string;
  /** The URL's path, without the query. */
  path: string;
  /** The OpenAPI path template it was answered by (`/api/v1/units/{code}/stats`), or null when no route took it. */
  route: string | null;
  status: number;
  /** The media type without parameters (`application/json`), or null when the answer had none. */
  contentType: string | null;
  body: string;
}

type Schema = Record<string, unknown>;
interface MediaType {
  schema?: Schema;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
}
interface Operation {
  responses?: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Paths that are not the JSON API: the staff console's pages and the API docs themselves. */
const NOT_API = [/^\/admin(\/|$)/, /^\/api\/docs(\/|-json|-yaml|$)/];

const COMPONENTS_ID = 'https://tthc-monitor.invalid/openapi/components/schemas/';
const NO_BODY = new Set([204, 304]);

/**
 * A schema of the document as JSON Schema: OpenAPI 3.0's `nullable` and `example` said in JSON
 * Schema's words, `$ref`s to the components registered with Ajv, and every object closed that does
 * not say `additionalProperties` itself.
 */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map((item) => toJsonSchema(item));
  if (!schema || typeof schema !== 'object') return schema;
  const source = schema as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'nullable' || key === 'example') continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
      out.$ref = COMPONENTS_ID + value.slice('#/components/schemas/'.length);
    } else if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, toJsonSchema(property)]));
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  // `nullable` stands for the whole schema (Nest writes a nullable object as `allOf: [$ref]` beside it).
  if (source.nullable === true) {
    const composed = ['allOf', 'anyOf', 'oneOf', '$ref', 'enum'].some((keyword) => keyword in out);
    if (typeof out.type === 'string' && !composed) return { ...out, type: [out.type, 'null'] };
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

export class OpenApiCheck {
  private readonly ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictTuples: false, discriminator: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; pattern: RegExp; literals: number }[];

  constructor(private readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addKeyword('xml');
    this.ajv.addKeyword('externalDocs');
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
      this.ajv.addSchema({ ...(toJsonSchema(schema) as Schema), $id: COMPONENTS_ID + name });
    }
    this.templates = Object.keys(document.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.split(/\{[^}]+\}/).map(escapeRegExp).join('[^/]+')}$`),
      literals: template.replace(/\{[^}]+\}/g, '').length,
    }));
  }

  /** The documented template a path falls under, the most literal one first (`/x/import` before `/x/{id}`). */
  templateOf(path: string): string | null {
    const matches = this.templates.filter(({ pattern }) => pattern.test(path)).sort((a, b) => b.literals - a.literals);
    return matches[0]?.template ?? null;
  }

  /** What is wrong with one answer, or null when the document describes it. */
  problemOf(answer: RecordedAnswer): string | null {
    const problem = this.findProblem(answer);
    return problem && (problem.body === undefined ? problem.what : `${problem.what} in ${excerpt(problem.body)}`);
  }

  /** What is wrong, and the body it is wrong in when the body is. */
  private findProblem(answer: RecordedAnswer): { what: string; body?: string } | null {
    const found = this.answerProblem(answer);
    return typeof found === 'string' ? { what: found } : found;
  }

  private answerProblem(answer: RecordedAnswer): string | { what: string; body: string } | null {
    if (NOT_API.some((pattern) => pattern.test(answer.path))) return null;
    const template = answer.route ?? this.templateOf(answer.path);
    // Nest's 404 for a path no route takes is not an operation of the API.
    if (template === null) return null;
    const operations = this.document.paths[template];
    if (!operations) return `the route ${template} is not in the document`;
    const operation = operations[answer.method.toLowerCase()];
    if (!operation) return `${answer.method} is not documented for ${template}`;
    const response = operation.responses?.[String(answer.status)] ?? operation.responses?.[`${String(answer.status)[0]}XX`] ?? operation.responses?.default;
    if (!response) return `status ${answer.status} is not documented (documented: ${Object.keys(operation.responses ?? {}).join(', ') || 'none'})`;
    if (NO_BODY.has(answer.status) || (answer.body === '' && !response.content)) return answer.body === '' ? null : `status ${answer.status} should have no body`;
    const media = answer.contentType === null ? undefined : response.content?.[answer.contentType];
    if (!media) return `content type ${answer.contentType ?? '(none)'} is not documented for ${answer.status} (documented: ${Object.keys(response.content ?? {}).join(', ') || 'none'})`;
    if (!isJson(answer.contentType)) return null;
    if (!media.schema) return `${answer.contentType} of ${answer.status} has no schema`;
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return { what: 'the body is not JSON', body: answer.body };
    }
    const what = this.mismatchOf(media.schema, body, `${template} ${answer.method} ${answer.status} ${answer.contentType}`);
    return what === null ? null : { what, body: answer.body };
  }

  /** How `value` fails `schema` (a schema of the document), or null when it matches. */
  mismatchOf(schema: Schema, value: unknown, key = JSON.stringify(schema)): string | null {
    const validate = this.validatorOf(key, schema);
    if (validate(value)) return null;
    return (validate.errors ?? [])
      .slice(0, 8)
      .map((error) => `${error.instancePath || '(body)'} ${error.message}${error.params && 'additionalProperty' in error.params ? ` "${String(error.params.additionalProperty)}"` : ''}`)
      .join('; ');
  }

  /**
   * Every problem of these answers, one line each: the same problem of the same operation once,
   * with the first body that had it.
   */
  problemsOf(answers: Iterable<RecordedAnswer>): string[] {
    const lines = new Map<string, string>();
    for (const answer of answers) {
      const problem = this.findProblem(answer);
      if (!problem) continue;
      const key = `${answer.method} ${answer.route ?? this.templateOf(answer.path) ?? answer.path} ${answer.status} → ${problem.what}`;
      if (!lines.has(key)) lines.set(key, problem.body === undefined ? key : `${key} in ${excerpt(problem.body)}`);
    }
    return [...lines.values()];
  }

  private validatorOf(key: string, schema: Schema): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema) as Schema);
      this.validators.set(key, validate);
    }
    return validate;
  }
}

export function isJson(contentType: string | null): boolean {
  return contentType !== null && /^application\/([\w.+-]+\+)?json$/.test(contentType);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function excerpt(body: string): string {
  return body.length > 300 ? `${body.slice(0, 300)}…` : body;
}
