import { platformInputPath, serviceOutputFile } from '../boundary/inputs.js'
import { FAIL_ON_CHOICES } from '../policy/result-set.js'
import type { FailOn } from '../policy/result-set.js'
import type { ValidateSettings } from '../policy/validate.js'
import type { Command } from '../runtime/command.js'
import type { CommandContext } from '../runtime/command.js'
import { booleanInput, choiceInput, listInput } from '../runtime/command.js'

/** A report path that names a folder or would be written through a link out of the repository is refused; kept as given. */
function checkedOutput(input: string | undefined, context: CommandContext, what: string) {
  if (input !== undefined) serviceOutputFile(context, input, what)
  return input
}

/** In an action the platform config must lie inside the workspace (boundary/files); kept as given. */
function checkedPlatformConfig(input: string | undefined, context: CommandContext) {
  if (input !== undefined) platformInputPath(context, input, 'The platform config')
  return input
}

/** `validate-policy` / `idp validate`: findings on rendered manifests, reported on the developer's line. */
export const validateCommand: Command<ValidateSettings> = {
  cli: 'validate',
  action: 'validate-policy',
  description:
    "Validate rendered manifests against CRD schemas (Crossplane XRDs included), the External Secrets webhook rules, the platform's built-in guardrails and policy files; report findings as annotations on the idp.yaml line that produced them, a job summary, SARIF and a PolicyReport.",
  inputs: [
    {
      name: 'manifests',
      description:
        'Folders, files or globs of manifests (multi-document YAML or JSON), one per line. A folder with `.idp/render.json` maps findings to idp.yaml.',
      default: 'rendered'
    },
    {
      name: 'platform-config',
      description:
        'The platform config (platform.yaml): environments, namespaces, secret stores, registries, quotas, guardrail settings and policy files.'
    },
    {
      name: 'environment',
      description:
        "The environment the manifests are for; default: each folder's `.idp/render.json`."
    },
    {
      name: 'policies',
      description:
        "Kyverno policy files, folders or globs, one per line, applied besides the platform config's `spec.policies`."
    },
    {
      name: 'crds',
      description:
        "CRD and Crossplane XRD files, folders or globs, one per line, besides the platform config's spec.crds; their served versions give the schemas of custom kinds."
    },
    {
      name: 'builtin-policies',
      description:
        'Apply the built-in platform guardrails (`true` or `false`). With a platform config they always apply; its `spec.guardrails` switches rules off.',
      default: 'true'
    },
    {
      name: 'fail-on',
      description:
        'Fail the step on findings of this level or above: `error`, `warning` or `never`.',
      default: 'error'
    },
    {
      name: 'report-file',
      description:
        'Write a PolicyReport (wgpolicyk8s.io/v1alpha2) with every result here (YAML; JSON when the name ends in .json).'
    },
    { name: 'sarif-file', description: 'Write a SARIF 2.1.0 log for code scanning here.' },
    {
      name: 'annotate',
      description: 'Annotate findings on the lines they concern (`true` or `false`).',
      default: 'true'
    }
  ],
  outputs: [
    { name: 'errors', description: 'Number of error-level findings.' },
    { name: 'warnings', description: 'Number of warning-level findings.' },
    {
      name: 'passed',
      description: '`true` when no finding reaches the `fail-on` level, else `false`.'
    },
    { name: 'report-file', description: 'Path of the PolicyReport written (empty when none).' },
    { name: 'sarif-file', description: 'Path of the SARIF log written (empty when none).' }
  ],
  settings: (read, context) => ({
    workspace: context.workspace,
    manifests: listInput(read, 'manifests', /\n/),
    platformConfig: checkedPlatformConfig(read('platform-config'), context),
    environment: read('environment'),
    policies: listInput(read, 'policies', /\n/),
    crds: listInput(read, 'crds', /\n/),
    builtinPolicies: booleanInput(read, 'builtin-policies', true),
    failOn: choiceInput<FailOn>(read, 'fail-on', FAIL_ON_CHOICES, 'error'),
    reportFile: checkedOutput(read('report-file'), context, 'The report file'),
    sarifFile: checkedOutput(read('sarif-file'), context, 'The SARIF file'),
    annotate: booleanInput(read, 'annotate', true)
  }),
  async run(settings, context) {
    // The policy engines are loaded when the command runs, not when the action or CLI starts, and
    // only once the manifests input names files: a wrong path is answered without loading them.
    const { expandEntries } = await import('../policy/manifests.js')
    expandEntries(settings.manifests, settings.workspace)
    const { validateManifests } = await import('../policy/validate.js')
    const outcome = await validateManifests(settings, context.logger)
    context.summary.append(outcome.summary)
    const { results } = outcome
    const passed = results.passes(settings.failOn)
    return {
      outputs: {
        errors: String(results.errors),
        warnings: String(results.warnings),
        passed: String(passed),
        'report-file': outcome.reportFile ?? '',
        'sarif-file': outcome.sarifFile ?? ''
      },
      exitCode: results.exitCode(settings.failOn),
      ...(passed ? {} : { failure: results.describe(settings.failOn) })
    }
  }
}
