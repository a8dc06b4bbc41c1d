import type { CatalogEntity } from './entities.js'
import { entityRef } from './entities.js'
import { recordedDeployments } from './deployments.js'
import { markdownCode, markdownText } from '../runtime/markdown.js'

const RELATION_FIELDS: readonly [string, string][] = [
  ['owner', 'ownedBy'],
  ['system', 'partOf'],
  ['dependsOn', 'dependsOn'],
  ['providesApis', 'providesApi']
]

/** `[relation, target]` pairs an entity will have, as the catalog derives them from its spec. */
export function relationsOf(entity: CatalogEntity): [string, string][] {
  const out: [string, string][] = []
  for (const [field, relation] of RELATION_FIELDS) {
    const value = entity.spec[field]
    for (const target of Array.isArray(value) ? value : value ? [value] : [])
      out.push([relation, String(target)])
  }
  return out
}

function mermaidId(ref: string): string {
  return ref.replace(/[^a-zA-Z0-9]/g, '_')
}

/** Job summary: the entities with their relations, a mermaid graph, and what runs where. */
export function catalogSummary(entities: readonly CatalogEntity[], heading: string): string {
  const lines = [`### ${heading}`, '', '| entity | relations |', '| --- | --- |']
  for (const entity of entities) {
    const relations = relationsOf(entity)
      .map(([relation, target]) => `${relation} ${markdownCode(target)}`)
      .join('<br>')
    lines.push(`| ${markdownCode(entityRef(entity))} | ${relations || '–'} |`)
  }
  const component = entities.find(e => e.kind === 'Component')
  if (component) {
    lines.push('', '```mermaid', 'graph LR')
    const from = entityRef(component)
    lines.push(`  ${mermaidId(from)}["${from}"]`)
    for (const [relation, target] of relationsOf(component)) {
      if (relation !== 'dependsOn' && relation !== 'providesApi') continue
      lines.push(`  ${mermaidId(from)} -->|${relation}| ${mermaidId(target)}["${target}"]`)
    }
    lines.push('```')
    const deployed = recordedDeployments(component.metadata.annotations ?? {})
    const environments = Object.keys(deployed).sort()
    if (environments.length > 0) {
      lines.push(
        '',
        '| environment | version | digest | GitOps commit | time |',
        '| --- | --- | --- | --- | --- |'
      )
      for (const env of environments) {
        const d = deployed[env]!
        lines.push(
          `| ${markdownText(env)} | ${markdownText(d.version ?? '')} | ${markdownText(d.digest ?? '')} | ${markdownText(d.commit ?? '')} | ${markdownText(d.time ?? '')} |`
        )
      }
    }
  }
  return lines.join('\n')
}
