/**
 * Boundary: where plain secret values are looked for. Render scans every literal a service writes
 * into `idp.yaml`'s `env` and `properties` (components, traits, resources and every environment's
 * overrides) and refuses a secret at its line; validate scans the container `env` values and ConfigMap
 * data of rendered or hand-written manifests. What counts as a secret is `plain-secrets.ts`' decision,
 * backed by secretlint's recommended provider rules where the caller can wait for them.
 */
import { lintSource } from '@secretlint/core'
import { creator as recommendedRules } from '@secretlint/secretlint-rule-preset-recommend'
import type { LoadedDescriptor } from '../descriptor/service.js'
import type { PathSegment } from '../descriptor/yaml-file.js'
import type { Problem } from '../runtime/errors.js'
import { findPlainSecret, type PlainSecretFinding } from './plain-secrets.js'

/** One literal: the name it is set under (env name, property key) and its text. */
export interface Literal {
  readonly name: string
  readonly value: string
}

/** Values longer than this are scanned by their beginning only (secretlint reads them whole otherwise). */
const MAX_VALUE = 64 * 1024
/** A descriptor with more literals than this is already refused elsewhere; stop scanning past it. */
const MAX_LITERALS = 200_000

/**
 * `findPlainSecret` for many literals, plus secretlint's recommended rules (GitHub, GitLab, Slack, npm,
 * Shopify, OpenAI, Anthropic, Hugging Face, 1Password, Vault, database URLs, …) over those it did not
 * flag, in one `lintSource` call: each literal becomes `NAME=value` lines of one text.
 */
export async function findPlainSecrets(
  literals: readonly Literal[]
): Promise<(PlainSecretFinding | undefined)[]> {
  const found = literals.map(l => findPlainSecret(l.name, l.value))
  const lines: string[] = []
  /** First line (1-based) of each literal in the text, for literals secretlint reads. */
  const starts: { line: number; index: number }[] = []
  literals.forEach((l, index) => {
    if (found[index]) return
    starts.push({ line: lines.length + 1, index })
    const name = l.name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 128) || 'value'
    lines.push(...`${name}=${l.value.slice(0, MAX_VALUE)}`.split(/\r\n|\r|\n/))
  })
  if (starts.length === 0) return found
  const result = await lintSource({
    source: { content: lines.join('\n'), filePath: 'idp-literals.txt', contentType: 'text' },
    options: {
      config: {
        rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendedRules }]
      },
      maskSecrets: true,
      noPhysicFilePath: true
    }
  })
  for (const message of result.messages) {
    if (message.severity !== 'error' && message.severity !== 'warning') continue
    const line = message.loc.start.line
    let owner: { line: number; index: number } | undefined
    for (const start of starts) if (start.line <= line) owner = start
    if (!owner || found[owner.index]) continue
    const rule = message.ruleId.replace(/^@secretlint\/secretlint-rule-/, '')
    found[owner.index] = {
      reason: `secretlint's '${rule}' rule matches it (${message.messageId})`
    }
  }
  return found
}

interface DescriptorLiteral extends Literal {
  readonly path: readonly PathSegment[]
}

/**
 * Every string a descriptor sets under `env` or `properties`: components (and their traits), resources,
 * and each environment's overrides of them. A leaf's name is its key; inside a list, the list's key; for
 * `{name, value}` items (a container env list), the item's `name`.
 */
export function descriptorLiterals(
  descriptor: LoadedDescriptor['descriptor']
): DescriptorLiteral[] {
  const out: DescriptorLiteral[] = []
  const spec = descriptor.spec
  const roots: { value: unknown; path: PathSegment[]; name: string }[] = []
  spec.components.forEach((component, i) => {
    roots.push({ value: component.env, path: ['spec', 'components', i, 'env'], name: 'env' })
    roots.push({
      value: component.properties,
      path: ['spec', 'components', i, 'properties'],
      name: 'properties'
    })
    ;(component.traits ?? []).forEach((trait, t) =>
      roots.push({
        value: trait.properties,
        path: ['spec', 'components', i, 'traits', t, 'properties'],
        name: 'properties'
      })
    )
  })
  ;(spec.resources ?? []).forEach((resource, i) =>
    roots.push({
      value: resource.properties,
      path: ['spec', 'resources', i, 'properties'],
      name: 'properties'
    })
  )
  for (const [env, override] of Object.entries(spec.environments ?? {})) {
    const base = ['spec', 'environments', env]
    for (const [name, component] of Object.entries(override.components ?? {})) {
      for (const field of ['env', 'properties', 'traits'] as const)
        roots.push({
          value: component[field],
          path: [...base, 'components', name, field],
          name: field
        })
    }
    roots.push({ value: override.resources, path: [...base, 'resources'], name: 'properties' })
  }
  // An explicit stack: a deeply nested descriptor must not overflow the call stack here.
  const stack = roots.filter(r => r.value !== undefined).reverse()
  while (stack.length > 0 && out.length < MAX_LITERALS) {
    const { value, path, name } = stack.pop()!
    if (typeof value === 'string') out.push({ name, value, path })
    else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], path: [...path, i], name })
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>
      const entries = Object.entries(record)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]
        const itemName = key === 'value' && typeof record.name === 'string' ? record.name : key
        stack.push({ value: item, path: [...path, key], name: itemName })
      }
    }
  }
  return out
}

/** The problems for every plain secret in a descriptor's env and properties, each at its line. */
export async function descriptorPlainSecretProblems(loaded: LoadedDescriptor): Promise<Problem[]> {
  const literals = descriptorLiterals(loaded.descriptor)
  const found = await findPlainSecrets(literals)
  const problems: Problem[] = []
  literals.forEach((literal, i) => {
    const finding = found[i]
    if (!finding) return
    problems.push({
      message: `'${literal.name}' holds a secret in plain text: ${finding.reason}. ${loaded.file} is committed and rendered into Git, so it must not hold secret values.`,
      position: loaded.positionOf(literal.path),
      hint: 'Keep the value in a secret store, declare it under spec.secrets, and refer to it from env as ${secrets.<name>.<key>}.'
    })
  })
  return problems
}

/** A violation inside a manifest: RFC 6901 pointer and message. */
export interface ManifestSecretViolation {
  readonly pointer: string
  readonly message: string
}

const escapePointer = (s: string | number) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')

/**
 * Plain secrets in a manifest, synchronously (the guardrail's check): every `env` list entry with a
 * literal `value` (KubeVela component properties, traits, pod templates, `k8s-objects`), and the
 * `data` of a ConfigMap. Undefined when the object has neither.
 */
export function manifestPlainSecrets(
  object: Readonly<Record<string, unknown>>
): ManifestSecretViolation[] | undefined {
  const literals: { name: string; value: string; pointer: string; where: string }[] = []
  if (object.kind === 'ConfigMap' && object.apiVersion === 'v1' && isRecord(object.data)) {
    for (const [key, value] of Object.entries(object.data))
      if (typeof value === 'string')
        literals.push({
          name: key,
          value,
          pointer: `/data/${escapePointer(key)}`,
          where: 'ConfigMap key'
        })
  }
  const k8sObjectsProperties = new Map<string, unknown>()
  const spec = isRecord(object.spec) ? object.spec : {}
  if (String(object.apiVersion).startsWith('core.oam.dev/') && Array.isArray(spec.components))
    spec.components.forEach((component, i) => {
      if (isRecord(component) && component.type === 'k8s-objects')
        k8sObjectsProperties.set(`/spec/components/${i}/properties`, component.properties)
    })
  const stack: { value: unknown; pointer: string }[] = [{ value: object, pointer: '' }]
  let visited = 0
  while (stack.length > 0 && visited++ < 1_000_000) {
    const { value, pointer } = stack.pop()!
    if (Array.isArray(value))
      value.forEach((v, i) => stack.push({ value: v, pointer: `${pointer}/${i}` }))
    else if (isRecord(value))
      for (const [key, item] of Object.entries(value)) {
        const at = `${pointer}/${escapePointer(key)}`
        if (key === 'env' && Array.isArray(item))
          item.forEach((entry, i) => {
            if (
              isRecord(entry) &&
              typeof entry.name === 'string' &&
              typeof entry.value === 'string'
            )
              literals.push({
                name: entry.name,
                value: entry.value,
                pointer: `${at}/${i}/value`,
                where: 'env'
              })
          })
        // A k8s-objects component's objects are validated as manifests of their own.
        if (key === 'objects' && value === k8sObjectsProperties.get(pointer)) continue
        if (typeof item === 'object' && item !== null) stack.push({ value: item, pointer: at })
      }
  }
  if (literals.length === 0) return undefined
  const out: ManifestSecretViolation[] = []
  for (const literal of literals) {
    const finding = findPlainSecret(literal.name, literal.value)
    if (finding)
      out.push({
        pointer: literal.pointer,
        message: `${literal.where} '${literal.name}' holds a secret in plain text: ${finding.reason}. Read it from a Secret (an ExternalSecret: spec.secrets and \${secrets.<name>.<key>} in idp.yaml) instead.`
      })
  }
  return out
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
