/**
 * Repository mode: an entity another service's folder of the central catalog repository already
 * declares is refused before anything is written. Backstage keeps an entity with the location that
 * registered it first and only logs the conflict, so the second would silently not appear.
 *
 * Which folders are read: every service whose name is a `-`-separated prefix of one of our entity
 * names (entity names are `<service>-<name>` unless `catalogName` says otherwise, and the Component is
 * the service). That finds every clash of default names with a bounded number of reads, without
 * fetching the whole repository; a clash with another service's explicit `catalogName` of an unrelated
 * name is found by Backstage mode's catalog check, not here.
 */
import type { Problem } from '../runtime/errors.js'
import { CATALOG_FILE_NAME, parseCatalogFile } from './catalog-file.js'
import type { DerivedEntity } from './entities.js'
import { entityRef } from './entities.js'
import { catalogFolder } from './register-repository.js'
import type { PositionOf } from './validate.js'

/** Services whose folder could declare `name`: each `-`-separated prefix of it, ours excluded. */
export function candidateServices(name: string, service: string): string[] {
  const parts = name.split('-')
  const out: string[] = []
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('-')
    if (prefix !== service && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(prefix)) out.push(prefix)
  }
  return out
}

export async function foreignEntityProblems(options: {
  readonly derived: readonly DerivedEntity[]
  readonly service: string
  readonly pathPattern: string | undefined
  readonly repository: string
  readonly read: (path: string) => Promise<string | undefined>
  readonly positionOf: PositionOf
}): Promise<Problem[]> {
  const ours = new Map(options.derived.map(d => [entityRef(d.entity), d]))
  const folders = new Map<string, string>()
  for (const d of options.derived)
    for (const other of candidateServices(String(d.entity.metadata.name), options.service))
      folders.set(catalogFolder(options.pathPattern, other), other)
  const problems: Problem[] = []
  for (const [folder, other] of folders) {
    const file = `${folder}/${CATALOG_FILE_NAME}`
    const text = await options.read(file)
    if (text === undefined) continue
    let entities: Record<string, unknown>[]
    try {
      entities = parseCatalogFile(text)
    } catch {
      continue // Not ours to judge; Backstage reports that file's own errors to its owner.
    }
    for (const entity of entities) {
      const metadata = entity.metadata as { name?: unknown; namespace?: unknown } | undefined
      if (typeof entity.kind !== 'string' || typeof metadata?.name !== 'string') continue
      const ref = `${entity.kind.toLowerCase()}:${typeof metadata.namespace === 'string' ? metadata.namespace : 'default'}/${metadata.name}`
      const mine = ours.get(ref)
      if (!mine) continue
      problems.push({
        message: `${ref} is already declared by ${file} (service '${other}') in ${options.repository}; the catalog would keep only one of them.`,
        position: options.positionOf(mine.origin),
        hint: 'Name this entity explicitly (catalogName in idp.yaml), or have the other service rename its own.'
      })
    }
  }
  return problems
}
