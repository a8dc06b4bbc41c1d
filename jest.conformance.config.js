// Suites that read the reference material in ../shared (real upstream CRDs, the Kyverno library's tests).
import { base } from './jest.config.js'

export default {
  ...base,
  testMatch: ['<rootDir>/**/*.conformance.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 600000
}
