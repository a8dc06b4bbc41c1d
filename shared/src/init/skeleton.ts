// The service-repository skeleton shared by `idp init` and the Backstage software template: the files
// under templates/skeleton/ use the scaffolder's own syntax, of which idp understands the subset they
// need — `${{ values.<key> }}`, `${{ values.<key> | dump }}` (a JSON string, safe in YAML) and
// `{% raw %}…{% endraw %}` around GitHub expressions. Anything else is refused, so a skeleton that
// the scaffolder would render differently cannot slip in.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

/** Every value a skeleton file may use; the Backstage template passes the same names. */
export interface SkeletonValues {
  readonly name: string
  readonly owner: string
  readonly description: string
  /** Image repository without tag, e.g. ghcr.io/acme/payments. */
  readonly image: string
  readonly port: string
  /** `owner/repo/.github/workflows/deliver.yml@ref` of the platform's delivery workflow. */
  readonly deliverWorkflow: string
  /** The deliver workflow's catalog-mode: repository, backstage or none. */
  readonly catalogMode: string
}

export const SKELETON_KEYS: readonly (keyof SkeletonValues)[] = [
  'name',
  'owner',
  'description',
  'image',
  'port',
  'deliverWorkflow',
  'catalogMode'
]

const PLACEHOLDER = /\$\{\{\s*values\.([A-Za-z]+)\s*(\|\s*dump\s*)?\}\}/g
const RAW = /\{% raw %\}([\s\S]*?)\{% endraw %\}/g
/** A raw block or a placeholder, whichever comes first: one pass, so no value is read twice. */
const TOKEN = new RegExp(`${RAW.source}|${PLACEHOLDER.source}`, 'g')

/** Fills one skeleton file; throws (a programming error, not a user's) on syntax idp does not know. */
export function fillSkeleton(file: string, text: string, values: SkeletonValues): string {
  // Only the skeleton's own text is checked: the scaffolder renders a file once, so template syntax
  // inside a value (a description with `{{`) reaches the file as typed, and a raw block's body (the
  // GitHub expressions) stays as written.
  if (/\$\{\{|\{%|\{\{/.test(text.replace(TOKEN, '')))
    throw new Error(`${file}: template syntax idp init does not support`)
  return text.replace(TOKEN, (_all, raw?: string, key?: string, dump?: string) => {
    if (raw !== undefined) return raw
    if (!(SKELETON_KEYS as readonly string[]).includes(key!))
      throw new Error(`${file}: unknown skeleton value '${key}'`)
    const value = values[key as keyof SkeletonValues]
    return dump ? JSON.stringify(value) : value
  })
}

/** Reads templates/skeleton/ as path → text (POSIX paths); scripts/generate-skeleton.ts embeds it. */
export function readSkeletonFolder(folder: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name)
    )) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else files[relative(folder, path).split(sep).join('/')] = readFileSync(path, 'utf8')
    }
  }
  walk(folder)
  return files
}
