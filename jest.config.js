// Unit and integration tests: everything that passes on a fresh clone without ../shared.
const base = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  modulePathIgnorePatterns: ['<rootDir>/tools/', '<rootDir>/.tmp/', '/dist/'],
  testTimeout: 60000,
  // Ends every run with the plain `N passed, N failed` line CI reads.
  reporters: ['default', '<rootDir>/test/summary-reporter.js']
}

export default {
  ...base,
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '\\.conformance\\.test\\.ts$', '/e2e/']
}

export { base }
