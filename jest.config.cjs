// LWC unit tests: sfdx-lwc-jest runs the TypeScript components and .test.ts files directly
// (its transformer strips types); `tsc --noEmit` type-checks them separately.
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
  ...jestConfig,
  roots: ['<rootDir>/force-app'],
  moduleNameMapper: {
    '^lightning/navigation$': '<rootDir>/force-app/test/jest-mocks/lightning/navigation',
    '^lightning/platformShowToastEvent$':
      '<rootDir>/force-app/test/jest-mocks/lightning/platformShowToastEvent',
    '^lightning/uiRecordApi$': '<rootDir>/force-app/test/jest-mocks/lightning/uiRecordApi'
  },
  testPathIgnorePatterns: [
    '<rootDir>/node_modules/',
    '<rootDir>/test-fixtures/',
    '<rootDir>/.build/'
  ],
  modulePathIgnorePatterns: ['<rootDir>/.build/', '<rootDir>/test-fixtures/'],
  collectCoverageFrom: ['force-app/main/default/lwc/**/*.ts', '!**/__tests__/**'],
  // V8 coverage: the default (babel-istanbul) provider does not instrument the TypeScript
  // components through the LWC transformer and reported "0 files", so the thresholds measured
  // nothing. V8 counts the transformer's generated module wrapper (line 1 of each component) as
  // a function no test can call, which is why the function threshold sits below the others.
  coverageProvider: 'v8',
  coverageThreshold: {
    global: { branches: 85, functions: 85, lines: 95, statements: 95 }
  }
};
