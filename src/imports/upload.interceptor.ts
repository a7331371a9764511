import { BadRequestException, CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request, RequestHandler, Response } from 'express';
import multer, { MulterError } from 'multer';
import { rm } from 'node:fs/promises';
import { Observable } from 'rxjs';
import { quoteForError, textForError } from '../common/text';
import { EnvironmentVariables } from '../config/configuration';
import { count } from './upload-limits';
import { newUploadName, uploadFolderOf } from './upload-folder';

export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/**
 * The form fields an upload has besides its file: unitCode, mapping, dryRun (and room for a few a
 * client adds, such as a submit button's). busboy's own default is unlimited.
 */
export const MAX_UPLOAD_FIELDS = 10;

/**
 * One form field's value. busboy's default, 1 MB, with unlimited fields, let one request hold
 * gigabytes (260 fields of 1 MB ended the process at its 192 MB heap). The largest field is the
 * mapping file's JSON: a mapping of a thousand headings and words is some 60 KB, so 256 KB leaves
 * room four times over, and a whole request's fields stay under 2.5 MB.
 */
export const MAX_FIELD_BYTES = 256 * 1024;

/**
 * Every bound multer (busboy beneath it) checks on a multipart upload, for the API's and the
 * console's alike: one file of at most 100 MB, a few fields of bounded size and plain names, a few
 * header lines per part. Over one, the request answers 413 or 400 naming it before the route runs,
 * and multer removes what it had written of the file.
 */
export const UPLOAD_LIMITS = {
  fileSize: MAX_UPLOAD_BYTES,
  files: 1,
  fields: MAX_UPLOAD_FIELDS,
  fieldSize: MAX_FIELD_BYTES,
  /** busboy's default: the fields are named unitCode, mapping, dryRun. */
  fieldNameSize: 100,
  /** The file and the fields. */
  parts: MAX_UPLOAD_FIELDS + 1,
  /** Header lines of one part (Content-Disposition, Content-Type); busboy's default is 2,000. */
  headerPairs: 20,
  /** `mapping[a][b]` would make the field an object: field names are plain. */
  fieldNestingDepth: 0,
} as const;

/**
 * The multipart parsing of an export upload (the field `file`), into the service's upload folder
 * (upload-folder.ts), with UPLOAD_LIMITS and errors that say which bound was crossed. After it,
 * every field of the body is one string: a field sent twice is a 400, not an array.
 */
@Injectable()
export class ExportUploadInterceptor implements NestInterceptor {
  private readonly parse: RequestHandler;

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    const destination = uploadFolderOf(config.get('DATA_DIR', { infer: true }));
    this.parse = multer({
      storage: multer.diskStorage({ destination, filename: (_request, _file, done) => done(null, newUploadName()) }),
      limits: UPLOAD_LIMITS,
    }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    await new Promise<void>((resolve, reject) => this.parse(request, http.getResponse<Response>(), (error?: unknown) => (error ? reject(uploadFailure(error)) : resolve())));
    // A multipart field sent twice would reach the route as an array (append-field's way).
    const fields = request.is('multipart/form-data') ? Object.entries((request.body ?? {}) as Record<string, unknown>) : [];
    for (const [name, value] of fields) {
      if (typeof value === 'string') continue;
      // The route never sees this request: its file is removed here.
      if (request.file) await rm(request.file.path, { force: true });
      throw new BadRequestException(`${textForError(name)}: must be given once`);
    }
    return next.handle();
  }
}

/** multer's and busboy's failures as the answer a client can act on. */
export function uploadFailure(error: unknown): unknown {
  if (error instanceof HttpException) return error;
  if (error instanceof MulterError) {
    const field = error.field === undefined ? 'form' : textForError(error.field);
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return new PayloadTooLargeException(`file: larger than ${count(MAX_UPLOAD_BYTES)} bytes (100 MB), the most an upload may be`);
      case 'LIMIT_FIELD_VALUE':
        return new PayloadTooLargeException(`${field}: longer than ${count(MAX_FIELD_BYTES)} bytes, the most a form field may hold`);
      case 'LIMIT_FILE_COUNT':
        return new BadRequestException('file: attach one export only');
      case 'LIMIT_UNEXPECTED_FILE':
        return new BadRequestException(`${quoteForError(error.field ?? '')}: only the field "file" holds a file`);
      case 'LIMIT_FIELD_COUNT':
      case 'LIMIT_PART_COUNT':
        return new BadRequestException(`form: more than ${count(MAX_UPLOAD_FIELDS)} fields; an upload sends file, unitCode, mapping and dryRun`);
      case 'LIMIT_FIELD_KEY':
        return new BadRequestException(`form: a field name is longer than ${UPLOAD_LIMITS.fieldNameSize} bytes; an upload sends file, unitCode, mapping and dryRun`);
      default:
        // Nesting (`a[b]`), a missing or an invalid name.
        return new BadRequestException(`form: ${field} is not a field name an upload has (file, unitCode, mapping, dryRun)`);
    }
  }
  // busboy's own (a malformed part header, the body ending early, the client gone) carry no code;
  // the disk's (ENOSPC, EACCES) do, and stay the server's fault.
  if (error instanceof Error && (error as { code?: unknown }).code === undefined) {
    return new BadRequestException(`form: not a readable multipart/form-data body (${textForError(error.message, 100)})`);
  }
  return error;
}
