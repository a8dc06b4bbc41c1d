// `idp policy test <folder>`: the `kyverno test` runner on idp's offline Kyverno engine (ClusterPolicy,
// ValidatingPolicy, ValidatingAdmissionPolicy). Prints the comparisons that disagree and ends with
// `N passed, N failed`; with --json, stdout is only the JSON of every comparison (the tally on stderr).
import { existsSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import type { Comparison } from '../policy/kyverno/test-compare.js'
import type { TestRunSummary } from '../policy/kyverno/test-runner.js'
import type { Command, CommandContext } from '../runtime/command.js'
import { booleanInput, requiredInput } from '../runtime/command.js'
import { UserError } from '../runtime/errors.js'

export interface PolicyTestSettings {
  readonly folder: string
  readonly json: boolean
}

function table(rows: readonly Comparison[]): string {
  const header = ['test', 'policy', 'rule', 'resource', 'expected', 'actual', 'reason']
  const cells = rows.map(c => [
    `${c.testFile}:${c.line}`,
    c.policy,
    c.rule,
    c.resource,
    c.expected,
    c.actual,
    c.reason
  ])
  const widths = header.map((h, i) =>
    Math.min(80, Math.max(h.length, ...cells.map(r => r[i].length)))
  )
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.slice(0, widths[i]).padEnd(widths[i])))
      .join('  ')
      .trimEnd()
  return [line(header), ...cells.map(line)].join('\n')
}

/** The closing lines: what was skipped and why, then always `N passed, N failed`. */
export function formatTally(summary: TestRunSummary): string {
  const lines: string[] = []
  if (summary.skipped > 0) {
    const reasons = new Map<string, number>()
    for (const c of summary.comparisons)
      if (c.verdict === 'skipped') reasons.set(c.reason, (reasons.get(c.reason) ?? 0) + 1)
    const detail = [...reasons].map(([reason, n]) => `${n} ${reason}`).join('; ')
    lines.push(`${summary.skipped} skipped (${detail})`)
  }
  // A test that names a rule the policy lacks passes as kyverno test passes it; say so, not silently.
  const excluded = new Map<string, number>()
  for (const c of summary.comparisons)
    if (c.verdict === 'pass' && c.actual === 'excluded')
      excluded.set(c.reason, (excluded.get(c.reason) ?? 0) + 1)
  for (const [reason, n] of excluded) lines.push(`${n} passed as excluded (${reason})`)
  lines.push(`${summary.passed} passed, ${summary.failed} failed`)
  return lines.join('\n') + '\n'
}

/**
 * What `idp policy test` prints on stdout. As text: the disagreements, then the tally (the last line is
 * always `N passed, N failed`). With --json: only the JSON document, so it can be piped into a parser;
 * the tally then goes to stderr.
 */
export function formatReport(summary: TestRunSummary, json: boolean): string {
  if (json) return JSON.stringify(summary.comparisons, null, 2) + '\n'
  const disagreements = summary.comparisons.filter(c => c.verdict === 'fail')
  return (disagreements.length > 0 ? `${table(disagreements)}\n\n` : '') + formatTally(summary)
}

export const policyTestCommand: Command<PolicyTestSettings> = {
  cli: 'policy test',
  description:
    "Run the kyverno-test.yaml files below a folder (the Kyverno CLI `Test` format) against idp's offline Kyverno engine (ClusterPolicy, ValidatingPolicy, ValidatingAdmissionPolicy) and compare every expected result. Exit status 1 when any disagree.",
  inputs: [
    {
      name: 'folder',
      description: 'Folder searched for kyverno-test.yaml files (or one test file).',
      required: true
    },
    {
      name: 'json',
      boolean: true,
      description:
        'Print every comparison as JSON on stdout, and nothing else there (test file, policy, rule, resource, expected, actual, reason); the tally goes to stderr.',
      default: 'false'
    }
  ],
  outputs: [],
  settings(read, context: CommandContext): PolicyTestSettings {
    const folder = requiredInput(read, 'folder')
    const absolute = isAbsolute(folder) ? folder : resolve(context.workspace, folder)
    if (!existsSync(absolute))
      throw new UserError({
        message: `Folder '${folder}' does not exist.`,
        hint: 'Give the folder that holds your policies and their kyverno-test.yaml files.'
      })
    return { folder: absolute, json: booleanInput(read, 'json', false) }
  },
  async run(settings, context) {
    // The Kyverno engine is loaded when the command runs, not when the CLI starts.
    const { runTests } = await import('../policy/kyverno/test-runner.js')
    const summary = runTests(settings.folder, context.logger)
    if (summary.files === 0)
      context.logger.warning(`No kyverno-test.yaml found below ${settings.folder}.`)
    // The report is this command's result; it goes to stdout itself so that its last line is the tally
    // (with --json stdout holds only the JSON document and the tally goes to stderr).
    process.stdout.write(formatReport(summary, settings.json))
    if (settings.json) process.stderr.write(formatTally(summary))
    return summary.failed > 0
      ? {
          outputs: {},
          exitCode: 1,
          failure: `${summary.failed} expected results disagree with the engine.`
        }
      : { outputs: {} }
  }
}
