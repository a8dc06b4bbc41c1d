import { MAX_CRD_BYTES, readFileInItsRepository } from '../../boundary/files.js'
import type { Logger } from '../../runtime/logger.js'
import type { EvaluationContext, Manifest, PolicyEngine } from '../engine.js'
import type { Finding } from '../finding.js'
import { displayPath, expandEntries } from '../manifests.js'
import { parseManifestText } from '../manifest-documents.js'
import { findingOn } from '../source-map.js'
import { crdRuleProblems } from './crd-cel.js'
import { SchemaCatalog } from './schema-catalog.js'

export const SCHEMA_POLICY = 'crd-schema'

export const SCHEMA_RULES = {
  schema: {
    help: 'The manifest must match the schema of its kind: the CRD `openAPIV3Schema` of the served version (with the x-kubernetes-* extensions), the schema Crossplane generates for an XR or claim from its XRD, or the Kubernetes OpenAPI schema for core kinds.'
  },
  'api-version': {
    help: 'The CRD of this kind exists but does not serve this apiVersion; the API server would refuse the manifest.'
  },
  'no-schema': {
    help: 'No schema is known for this kind, so it was not validated. Add its CRD (or the Crossplane XRD) to the `crds` input.'
  }
} as const

/** Reads CRDs and Crossplane XRDs from files, folders and globs into a catalog with the core kinds. */
export function loadSchemaCatalog(
  entries: readonly string[],
  workspace: string,
  logger: Logger
): { catalog: SchemaCatalog; findings: Finding[] } {
  const catalog = new SchemaCatalog()
  const findings: Finding[] = []
  if (entries.length === 0) return { catalog, findings }
  let definitions = 0
  // Entries are confined by the caller (the crds input to the repository, spec.crds to the platform's).
  for (const path of expandEntries(entries, workspace, 'crds', null)) {
    const file = displayPath(path, workspace)
    const text = readFileInItsRepository(path, {
      what: 'The CRD file',
      display: file,
      maxBytes: MAX_CRD_BYTES
    })
    const parsed = parseManifestText(text, file)
    findings.push(...parsed.findings)
    for (const manifest of parsed.manifests) {
      if (!catalog.add(manifest)) continue
      definitions++
      findings.push(...ruleFindings(manifest))
    }
  }
  logger.info(`Loaded ${definitions} CRDs and XRDs; ${catalog.size} kinds have a schema.`)
  return { catalog, findings }
}

/** A CRD or XRD's validation rules that do not compile, each a finding at the rule (`crd-cel.ts`). */
function ruleFindings(definition: Manifest): Finding[] {
  return crdRuleProblems(definition.object).map(problem =>
    findingOn(definition, {
      source: 'schema',
      policy: SCHEMA_POLICY,
      category: 'Schema',
      rule: 'schema',
      result: 'fail',
      severity: 'error',
      pointer: problem.pointer,
      message: `${String(definition.object.kind)} ${resourceName(definition)}: ${problem.message}`,
      help: SCHEMA_RULES.schema.help
    })
  )
}

/** Validates each manifest against the schema of its apiVersion and kind. */
export class CrdSchemaEngine implements PolicyEngine {
  readonly name = 'schema'
  constructor(private readonly catalog: SchemaCatalog) {}

  async evaluate(manifests: readonly Manifest[], _context: EvaluationContext): Promise<Finding[]> {
    const findings: Finding[] = []
    for (const manifest of manifests) findings.push(...this.check(manifest))
    return findings
  }

  private check(manifest: Manifest): Finding[] {
    const apiVersion = String(manifest.object.apiVersion)
    const kind = String(manifest.object.kind)
    const base = { source: 'schema', policy: SCHEMA_POLICY, category: 'Schema' } as const
    const schema = this.catalog.lookup(apiVersion, kind)
    if (!schema) {
      const other = this.catalog.unserved(apiVersion, kind)
      if (other) {
        return [
          findingOn(manifest, {
            ...base,
            rule: 'api-version',
            result: 'fail',
            severity: 'error',
            pointer: '/apiVersion',
            message: `${kind} is not served as ${apiVersion}; ${other.origin} serves ${other.served.join(', ')}.`,
            help: SCHEMA_RULES['api-version'].help
          })
        ]
      }
      return [
        findingOn(manifest, {
          ...base,
          rule: 'no-schema',
          result: 'warn',
          severity: 'warning',
          pointer: '/kind',
          message: `Not validated: no schema for ${kind} (${apiVersion}). Add its CRD to the \`crds\` input.`,
          help: SCHEMA_RULES['no-schema'].help
        })
      ]
    }
    const violations = schema.validate(manifest.object)
    if (violations.length === 0) {
      return [
        findingOn(manifest, {
          ...base,
          rule: 'schema',
          result: 'pass',
          severity: 'error',
          message: `${kind} matches its schema (${schema.origin}).`,
          help: SCHEMA_RULES.schema.help
        })
      ]
    }
    return violations.map(v =>
      findingOn(manifest, {
        ...base,
        rule: 'schema',
        result: 'fail',
        severity: 'error',
        pointer: v.pointer,
        message: `${kind} ${resourceName(manifest)}: ${v.message}`,
        help: SCHEMA_RULES.schema.help
      })
    )
  }
}

function resourceName(manifest: Manifest): string {
  const metadata = manifest.object.metadata as Record<string, unknown> | undefined
  return typeof metadata?.name === 'string' ? `'${metadata.name}'` : '(unnamed)'
}
