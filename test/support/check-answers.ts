import { driftReport } from './api-answers';

/**
 * Run by jest before each e2e suite file (jest.config.js): when the file ends, its apps' answers
 * that the OpenAPI document does not describe fail it (see api-answers.ts).
 */
afterAll(() => driftReport.end());
