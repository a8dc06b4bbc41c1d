// The GitOps gate's checks of a render record beyond its shape: the record sits in the folder the
// service pipeline pushes, and the gate's merge copies its fields into the catalog (run link, images,
// source commit) and holds `requires` gates to its images. So the fields that leave the record must be
// what they claim (a run link is an http(s) URL of plain characters, a commit is a SHA), the images it
// names must be the images the folder's manifests run, and it must not be older than the render it
// replaces (a replayed old render of a service, or a branch built on a stale base).
import type { Finding } from '../policy/finding.js'
import type { RenderRecord } from '../render/record.js'
import { compareRenders, describeRender } from './render-guard.js'
import { findingsOf, gateFinding } from './verify-checks.js'
import type { VerifyRequest } from './verify.js'

/** A run link: http(s), a host, and a path of URL characters that neither markdown nor YAML read. */
const RUN_URL = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~%/-]*)?$/
const COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/
/** An image reference: registry/path, tag and/or digest; no spaces, commas or `=`. */
const IMAGE =
  /^[a-z0-9]+([._-][a-z0-9]+)*(:\d{1,5})?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[0-9a-f]{64})?$/
const COMPONENT = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/

/** Every field render writes; a record holding another is not render's (fail closed). */
const RECORD_FIELDS = {
  service: true,
  environment: true,
  namespace: true,
  owner: true,
  source: true,
  images: true,
  digest: true,
  renderer: true,
  files: true,
  sourceMap: true
} satisfies Record<keyof RenderRecord, true>
const SOURCE_FIELDS = {
  repository: true,
  commit: true,
  commitTime: true,
  runNumber: true,
  runUrl: true,
  descriptor: true
} satisfies Record<keyof RenderRecord['source'], true>

const HINT =
  'Render again with idp render and promote its folder unchanged; do not edit .idp/render.json.'

/** Findings on the record's fields that the merge copies into the catalog and the summary. */
export function recordFieldFindings(record: RenderRecord, recordFile: string): Finding[] {
  const findings: Finding[] = []
  const bad = (what: string, value: string, want: string) =>
    findings.push(
      gateFinding(
        'render-record',
        recordFile,
        `The render record's ${what} ${JSON.stringify(value.slice(0, 200))} is not ${want}.`,
        HINT
      )
    )
  const unknown = [
    ...Object.keys(record).filter(k => !Object.hasOwn(RECORD_FIELDS, k)),
    ...Object.keys(record.source ?? {})
      .filter(k => !Object.hasOwn(SOURCE_FIELDS, k))
      .map(k => `source.${k}`)
  ]
  for (const field of unknown.slice(0, 5))
    findings.push(
      gateFinding(
        'render-record',
        recordFile,
        `The render record holds the field ${JSON.stringify(field.slice(0, 100))}, which render never writes.`,
        HINT
      )
    )
  const { runUrl, commit } = record.source ?? {}
  if (runUrl !== undefined && !RUN_URL.test(runUrl))
    bad('source.runUrl', runUrl, 'an http(s) link to the run that rendered it')
  if (commit !== undefined && !COMMIT.test(commit)) bad('source.commit', commit, 'a commit SHA')
  for (const [component, image] of Object.entries(record.images ?? {})) {
    if (!COMPONENT.test(component)) bad('images key', component, 'a component name')
    if (!IMAGE.test(image)) bad(`image of ${component}`, image, 'an image reference')
  }
  return findings
}

/** The kinds render writes itself (exact apiVersions); a platform's resource types add theirs. */
const RENDERED_KINDS = new Set([
  'core.oam.dev/v1beta1 Application',
  'external-secrets.io/v1 ExternalSecret',
  'bitnami.com/v1alpha1 SealedSecret',
  'kustomize.config.k8s.io/v1beta1 Kustomization'
])

/**
 * Every object of the folder is of a kind render writes (the KubeVela Application, ExternalSecrets or
 * SealedSecrets, the platform's resource types, the kustomization), so nothing runs beside what the
 * record describes: no Deployment, Role, Secret or older API version a render never produces. Objects a
 * KubeVela component carries are the Application's (the guardrails hold its component types). And the
 * images the record names are the ones the Applications run, component by component: the catalog
 * shows them and `requires` gates compare them, while the content digest only covers the manifests.
 */
export async function folderContentFindings(
  request: VerifyRequest,
  path: string,
  record: RenderRecord,
  recordFile: string
): Promise<Finding[]> {
  const { loadManifests } = await import('../policy/manifests.js')
  const running = new Map<string, string>()
  const findings: Finding[] = []
  const kinds = new Set(RENDERED_KINDS)
  for (const type of request.platform.spec.resourceTypes ?? [])
    kinds.add(`${type.apiVersion} ${type.kind}`)
  try {
    const loaded = loadManifests([path], request.worktree, request.logger)
    for (const m of loaded.manifests) {
      const object = m.object as Record<string, unknown>
      const [apiVersion, kind] = [String(object.apiVersion ?? ''), String(object.kind ?? '')]
      if (m.embedded?.holder !== 'k8s-objects' && !kinds.has(`${apiVersion} ${kind}`)) {
        findings.push(
          gateFinding(
            'rendered-kind',
            m.file,
            `${kind.slice(0, 100)} (${apiVersion.slice(0, 100)}) is not a kind render writes; a service folder holds only the objects of its render.`,
            "Describe the workload in idp.yaml and render it; objects of other kinds are the platform team's.",
            m.positionOf(m.embedded?.at ?? '').line
          )
        )
        continue
      }
      if (
        object.kind !== 'Application' ||
        !String(object.apiVersion ?? '').startsWith('core.oam.dev/')
      )
        continue
      const spec = object.spec as { components?: unknown } | undefined
      for (const c of Array.isArray(spec?.components) ? spec.components : []) {
        const component = c as { name?: unknown; properties?: { image?: unknown } }
        if (typeof component?.name === 'string' && typeof component.properties?.image === 'string')
          running.set(component.name, component.properties.image)
      }
    }
  } catch (error) {
    return findingsOf('folder-content', path, error)
  }
  if (findings.length > 0) return findings
  const recorded = new Map(Object.entries(record.images ?? {}))
  const names = [...new Set([...running.keys(), ...recorded.keys()])].sort()
  const differ = names.filter(n => running.get(n) !== recorded.get(n))
  if (differ.length === 0) return []
  const show = (v: string | undefined) =>
    v === undefined ? 'nothing' : JSON.stringify(v.slice(0, 200))
  return [
    gateFinding(
      'render-record',
      recordFile,
      `The render record's images are not what ${path} runs: ${differ
        .slice(0, 5)
        .map(
          n =>
            `component ${JSON.stringify(n)} runs ${show(running.get(n))}, the record says ${show(recorded.get(n))}`
        )
        .join('; ')}.`,
      HINT
    )
  ]
}

/**
 * A render older than the one it replaces (by source commit time, then run number) is refused unless
 * the platform's identity made the change: a service pipeline never rolls a folder back through the
 * gate, so an old render (its own, or another service's replayed) cannot return.
 */
export function olderRenderFinding(
  held: RenderRecord | undefined,
  record: RenderRecord,
  path: string,
  recordFile: string
): Finding[] {
  if (!held || held.service !== record.service || held.environment !== record.environment) return []
  if (compareRenders(held, record) !== 'older') return []
  return [
    gateFinding(
      'older-render',
      recordFile,
      `${path} holds a newer render of ${record.service} in ${record.environment} than this change brings. Deployed: ${describeRender(held)}. This change: ${describeRender(record)}.`,
      "Promote a newer build; a rollback of a service folder goes through the platform team (a change by the platform's identity)."
    )
  ]
}
