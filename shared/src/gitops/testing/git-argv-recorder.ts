// Test helper: a `git` first on PATH that appends every argv (and the environment's GIT_CONFIG_*
// values) to a log, then runs the real git. Token-hygiene tests search that log for the token.
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface GitArgvRecorder {
  /** Put this folder first on PATH. */
  readonly binDir: string
  readonly logFile: string
  /** Every recorded invocation, as its list of arguments. */
  invocations(): string[][]
  /** The raw log, for "the token appears nowhere" checks. */
  text(): string
  /** Every `.git/config` seen by a git call run inside a worktree, concatenated. */
  configs(): string
}

export function createGitArgvRecorder(folder: string): GitArgvRecorder {
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim()
  const logFile = join(folder, 'git-argv.log')
  const script = join(folder, 'git')
  writeFileSync(
    script,
    [
      '#!/bin/sh',
      // One line per call, arguments separated by the ASCII unit separator (0x1f).
      `{ for a in "$@"; do printf '%s\\037' "$a"; done; printf '\\n'; } >> '${logFile}'`,
      `env | grep '^GIT_CONFIG' >> '${logFile}.env' || true`,
      // The repository config as each git call finds it, to prove the token never lands there.
      `if [ -f .git/config ]; then cat .git/config >> '${logFile}.config'; fi`,
      `exec '${realGit}' "$@"`,
      ''
    ].join('\n')
  )
  chmodSync(script, 0o755)
  writeFileSync(logFile, '')
  return {
    binDir: folder,
    logFile,
    invocations: () =>
      readFileSync(logFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map(line => line.split('\x1f').slice(0, -1)),
    text: () =>
      readFileSync(logFile, 'utf8') +
      (existsSync(`${logFile}.env`) ? readFileSync(`${logFile}.env`, 'utf8') : ''),
    configs: () =>
      existsSync(`${logFile}.config`) ? readFileSync(`${logFile}.config`, 'utf8') : ''
  }
}
