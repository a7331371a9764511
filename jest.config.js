/**
 * Two projects: `unit` runs the pure-logic specs beside the code; `e2e` runs the suites under
 * test/ against the real databases (MariaDB/MySQL and the embedded SQLite).
 */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];
module.exports = {
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/global-setup.js',
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      // Fails a suite whose answers /api/docs-json does not describe (test/support/api-answers.ts).
      setupFilesAfterEnv: ['<rootDir>/test/support/check-answers.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
  ],
};
