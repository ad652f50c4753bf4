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
  coverageThreshold: {
    global: { branches: 85, functions: 90, lines: 90, statements: 90 }
  }
};
