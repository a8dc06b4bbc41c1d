// Ends the run with the closing line CI reads from any test runner: `N passed, N failed` (and skipped).
// Jest prints its own summary after every reporter's onRunComplete, so the line is written at exit.
import { writeSync } from 'node:fs'

export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`
    process.once('exit', () => writeSync(2, `${line}\n`))
  }
}
