import type { GuardrailSetting, PlatformConfig } from '../../../descriptor/types.js'
import type { Logger } from '../../../runtime/logger.js'
import type { EvaluationContext, Manifest, PolicyEngine } from '../../engine.js'
import type { Finding, Severity } from '../../finding.js'
import { findingOn } from '../../source-map.js'
import type { Scope } from '../core-kinds.js'
import { matchesNamespacePattern, namespacePatternOf } from '../../../boundary/namespaces.js'
import { isBuildFile } from '../../manifests.js'
import { isObject } from '../../manifest-documents.js'
import type { Guardrail, GuardrailContext } from './rules.js'
import { GUARDRAILS } from './rules.js'

export { GUARDRAILS, OWNER_LABEL } from './rules.js'
export type { Guardrail, GuardrailContext } from './rules.js'

export const GUARDRAIL_POLICY = 'guardrails'

/** Where each rule's README section lives, for SARIF help and annotation titles. */
export const GUARDRAILS_README = 'actions/validate-policy/README.md'

export interface ActiveGuardrail {
  readonly rule: Guardrail
  readonly severity: Severity
}

/**
 * The guardrails in force: all of them at their default severity, with the platform config's
 * `spec.guardrails` switching rules off or changing their severity. Nothing a service repo passes
 * can do either.
 */
export function activeGuardrails(
  platform: PlatformConfig | undefined,
  logger: Logger
): ActiveGuardrail[] {
  const settings: Readonly<Record<string, GuardrailSetting>> = platform?.spec.guardrails ?? {}
  const known = new Set(GUARDRAILS.map(g => g.id))
  for (const id of Object.keys(settings))
    if (!known.has(id))
      logger.warning(
        `The platform config sets guardrail '${id}', which does not exist; known: ${[...known].join(', ')}.`
      )
  return GUARDRAILS.filter(rule => settings[rule.id]?.enabled !== false).map(rule => ({
    rule,
    severity: settings[rule.id]?.severity ?? rule.defaultSeverity
  }))
}

/** The built-in platform guardrails, each a named rule yielding a pass or its violations. */
export class GuardrailsEngine implements PolicyEngine {
  readonly name = 'guardrails'

  constructor(
    private readonly rules: readonly ActiveGuardrail[],
    private readonly scopeOf: (apiVersion: string, kind: string) => Scope | undefined
  ) {}

  async evaluate(manifests: readonly Manifest[], context: EvaluationContext): Promise<Finding[]> {
    const environmentConfig = context.platform?.spec.environments.find(
      e => e.name === context.environment
    )
    const guardrailContext = {
      environment: context.environment,
      namespace: context.namespace,
      environmentConfig,
      platform: context.platform,
      scopeOf: this.scopeOf,
      ...(context.namespace ? {} : this.folderTarget(manifests, context))
    }
    const findings: Finding[] = []
    for (const manifest of manifests) {
      // A kustomization is no object: only the rules for build files read it, and only them.
      const buildFile = isBuildFile(manifest)
      for (const { rule, severity } of this.rules) {
        if ((rule.buildFiles === true) !== buildFile) continue
        const violations = rule.check(manifest, guardrailContext)
        if (violations === undefined) continue
        const base = {
          source: 'guardrail',
          policy: GUARDRAIL_POLICY,
          rule: rule.id,
          severity,
          category: 'Platform guardrails',
          title: rule.title,
          help: `${rule.help} See ${GUARDRAILS_README}#${rule.id}.`
        } as const
        if (violations.length === 0) {
          findings.push(
            findingOn(manifest, { ...base, result: 'pass', message: `${rule.title}: passed.` })
          )
          continue
        }
        for (const v of violations)
          findings.push(
            findingOn(manifest, { ...base, result: 'fail', pointer: v.pointer, message: v.message })
          )
      }
    }
    return findings
  }

  /**
   * Without a namespace to check against (no render record, a pattern with `{service}`), the folder is
   * held to the platform's pattern: of its environment, else of every environment. Its namespace is
   * the first one of its namespaced objects that fits the pattern; the others must share it.
   */
  private folderTarget(
    manifests: readonly Manifest[],
    context: EvaluationContext
  ): Pick<GuardrailContext, 'namespacePatterns' | 'folderNamespace'> {
    const environments = context.platform?.spec.environments ?? []
    const selected = context.environment
      ? environments.filter(e => e.name === context.environment)
      : environments
    if (selected.length === 0) return {}
    const namespacePatterns = selected.map(namespacePatternOf)
    const folderNamespace = manifests
      .filter(m => !isBuildFile(m))
      .filter(m => this.scopeOf(String(m.object.apiVersion), String(m.object.kind)) !== 'Cluster')
      .map(m => (isObject(m.object.metadata) ? m.object.metadata.namespace : undefined))
      .find(
        (n): n is string =>
          typeof n === 'string' && namespacePatterns.some(p => matchesNamespacePattern(p, n))
      )
    return { namespacePatterns, ...(folderNamespace ? { folderNamespace } : {}) }
  }
}
