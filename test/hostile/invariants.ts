// The invariants every hostile case must hold, checked on one run. Each returns the broken ones in
// plain words (with the output that shows it), so a failing case says exactly what went wrong.
import type { CaseRun, HostileCase } from './harness.js'
import { OUTPUT_LIMIT, SENTINEL } from './harness.js'

/** A JavaScript stack frame, a crash of the engine, or idp's own "this is a bug" wording. */
const CRASH = [
  /^\s+at .+(:\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m,
  /Internal error/,
  /FATAL ERROR/,
  /JavaScript heap out of memory/,
  /Maximum call stack size exceeded/,
  /Unhandled(Promise)?Rejection|unhandled rejection/i
]

/** After the first sentence, at least one more: what to do. */
export function hasHint(message: string): boolean {
  const body = message.replace(/^\S+:\d+(:\d+)?:\s*/, '').trim()
  const sentences = body.split(/(?<=[.!?:])\s+(?=\S)/).filter(s => /\w{2,}/.test(s))
  return sentences.length >= 2
}

export interface Messages {
  /** The step's failure: `::error::` (bundle) or the `error:` lines (CLI). */
  readonly failures: readonly string[]
  /** Messages tied to a file and line: (file, line, text). */
  readonly placed: readonly { file: string; line: number; text: string }[]
  /** All message text, for the `because` pattern. */
  readonly all: string
}

export function messagesOf(run: CaseRun): Messages {
  if (run.via === 'bundle') {
    const errors = run.annotations.filter(a => a.level === 'error')
    const failures = errors.filter(a => !a.properties.file).map(a => a.message)
    const placed = errors
      .filter(a => a.properties.file)
      .map(a => ({ file: a.properties.file, line: Number(a.properties.line), text: a.message }))
    // A message may carry further places (`file:line:col: ...`, or the rendered file a finding
    // mapped back to idp.yaml came from).
    for (const e of errors) placed.push(...placesIn(e.message))
    return { failures, placed, all: errors.map(a => a.message).join('\n') }
  }
  // The CLI logs to stderr; reports (e.g. `idp policy test`'s table) go to stdout.
  const lines = `${run.stderr}\n${run.stdout}`.split('\n')
  const failures = lines.filter(l => l.startsWith('error: '))
  const placed = lines.flatMap(placesIn)
  return { failures, placed, all: `${run.stderr}\n${run.stdout}` }
}

function placesIn(text: string): { file: string; line: number; text: string }[] {
  const out: { file: string; line: number; text: string }[] = []
  for (const m of text.matchAll(
    /(?:^|[\s'"(`])(\/?(?:[\w.@-]+\/)*[\w.@-]+\.[\w]+):(\d+)(?::\d+)?\b/gm
  ))
    out.push({ file: m[1], line: Number(m[2]), text })
  return out
}

const sameFile = (reported: string, expected: string) => {
  const r = reported.replace(/^\.\//, '')
  const e = expected.replace(/^\.\//, '')
  return r === e || r.endsWith(`/${e}`)
}

export interface Expected {
  /** The lines `at.line` resolves to in the case's file (undefined: any line). */
  readonly line?: readonly number[]
}

/** The workflow commands idp's bundles print (through @actions/core). */
const OWN_COMMANDS = /^::(add-mask|error|warning|notice|debug|group|endgroup)(::| )/

export function brokenInvariants(c: HostileCase, run: CaseRun, expected: Expected): string[] {
  const broken: string[] = []
  const output = `${run.stdout}\n${run.stderr}`
  const show = () =>
    `--- stdout ---\n${clip(run.stdout)}\n--- stderr ---\n${clip(run.stderr)}\n--- (${run.durationMs} ms, exit ${run.exitCode}${run.signal ? `, ${run.signal}` : ''})`
  const limit = c.timeoutMs
  if (run.timedOut) broken.push(`did not finish within ${limit} ms (killed)`)
  if (output.length > OUTPUT_LIMIT)
    broken.push(`flooded the log with ${output.length} bytes of output`)
  for (const pattern of CRASH)
    if (pattern.test(output)) broken.push(`crashed or printed a stack trace (${pattern})`)
  if (run.repositoriesBefore.gitops !== run.repositoriesAfter.gitops)
    broken.push('wrote to the GitOps repository (refs or objects changed)')
  if (run.repositoriesBefore.catalog !== run.repositoriesAfter.catalog)
    broken.push('wrote to the catalog repository (refs or objects changed)')
  // The runner acts on every stdout line starting with `::`: idp issues only these; any other is a
  // command a hostile value injected (outputs, state, stopped command processing).
  const injected = run.stdout
    .split(/\r\n|[\r\n\u2028\u2029]/)
    .map(line => line.trim())
    .filter(line => line.startsWith('::') && !OWN_COMMANDS.test(line))
  if (injected.length > 0)
    broken.push(`printed workflow commands idp does not issue: ${injected.slice(0, 3).join(' / ')}`)
  // eslint-disable-next-line no-control-regex
  if (/[\u001b\u009b]/.test(output)) broken.push('printed a terminal escape (ESC or CSI)')
  const leaks: string[] = []
  // `::add-mask::` is how a step tells the runner what to mask; the runner never prints it.
  const logged = run.stdout.replace(/^::add-mask::.*$/gm, '')
  if (logged.includes(SENTINEL)) leaks.push('stdout')
  if (run.stderr.includes(SENTINEL)) leaks.push('stderr')
  if (Object.values(run.outputs).some(v => v.includes(SENTINEL))) leaks.push('GITHUB_OUTPUT')
  if (run.summary.includes(SENTINEL)) leaks.push('GITHUB_STEP_SUMMARY')
  // After SIGKILL the runner wipes RUNNER_TEMP itself: only what outlives it counts.
  const files =
    c.kill === 'SIGKILL'
      ? run.sentinelFiles.filter(f => !f.startsWith(run.sandbox.runnerTemp))
      : run.sentinelFiles
  leaks.push(...files.map(f => f.slice(run.sandbox.root.length + 1)))
  leaks.push(...run.sentinelInRepositories.map(r => `${r} repository objects`))
  if (leaks.length > 0)
    broken.push(`the sentinel token or outside content leaked into: ${leaks.join(', ')}`)
  if (run.gitInputEnv.length > 0)
    broken.push(
      `spawned git with the action's inputs in its environment: ${run.gitInputEnv.join(', ')}`
    )
  // Temporary files live in RUNNER_TEMP (actions) or a private folder removed on exit and on
  // SIGINT/SIGTERM (CLI); only SIGKILL may leave one, and the runner wipes RUNNER_TEMP after it.
  if (run.tmpLeft.length > 0 && c.kill !== 'SIGKILL')
    broken.push(`left files in TMPDIR: ${run.tmpLeft.join(', ')}`)
  if (c.kill) {
    if (run.exitCode === 0 && !run.signal) broken.push(`exited 0 after ${c.kill}`)
    return broken.length > 0 ? [...broken, show()] : []
  }
  if (run.exitCode === 0) broken.push('exited 0: the hostile input was accepted')
  const messages = messagesOf(run)
  if (run.via === 'bundle' && messages.failures.length !== 1)
    broken.push(`expected exactly one failure message (::error::), got ${messages.failures.length}`)
  if (run.via === 'cli' && messages.failures.length === 0) broken.push('printed no `error:` line')
  if (!c.because.test(messages.all)) broken.push(`the message is not about ${c.because}`)
  if (c.at?.whole) {
    // Named in a message, or the file (or a file in the folder) an annotation is placed on.
    const file = c.at.file
    const named =
      messages.all.includes(file) ||
      messages.placed.some(p => p.file === file || p.file.startsWith(`${file}/`))
    if (!named) broken.push(`no message names ${file}`)
  } else if (c.at) {
    const at = c.at
    const hits = messages.placed.filter(p => sameFile(p.file, at.file))
    if (hits.length === 0) broken.push(`no message names ${at.file}:<line>`)
    else if (expected.line !== undefined && !hits.some(h => expected.line!.includes(h.line)))
      broken.push(
        `no message names ${at.file}:${expected.line.join(' or ')} (got ${hits.map(h => `${h.file}:${h.line}`).join(', ')})`
      )
  }
  const candidates = [...messages.failures, ...messages.placed.map(p => p.text)]
  if (candidates.length > 0 && !candidates.some(hasHint))
    broken.push('no message says what to do (a hint after the first sentence)')
  return broken.length > 0 ? [...broken, show()] : []
}

function clip(text: string): string {
  return text.length > 2500 ? `${text.slice(0, 2500)}… (${text.length} chars)` : text
}

/** The line numbers `at.line` names in `text` (a number, or the first line holding each text). */
export function lineOf(
  text: string,
  line: number | string | readonly string[] | undefined
): number[] | undefined {
  if (line === undefined) return undefined
  if (typeof line === 'number') return [line]
  const lines = text.split('\n')
  return (typeof line === 'string' ? [line] : line).map(wanted => {
    const index = lines.findIndex(l => l.includes(wanted))
    if (index < 0) throw new Error(`hostile case: line text not in its file: ${wanted}`)
    return index + 1
  })
}
