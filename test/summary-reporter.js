// Prints the closing line CI reads from any test runner: `N passed, N failed` (and skipped, if any).
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`
    process.stderr.write(`\n${line}\n`)
  }
}
