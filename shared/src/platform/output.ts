// Writes a generated platform folder (bootstrap, policies): every file in full, in a stable order.
// Files of an earlier run that the new one no longer produces are removed only inside the environment
// folders it owns, so a folder that holds other files keeps them.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { serviceOutputPath } from '../boundary/inputs.js'
import type { CommandContext } from '../runtime/command.js'

function filesUnder(dir: string): string[] {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return []
  }
  return entries.flatMap(e =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []
  )
}

export function writeOutputFolder(
  context: CommandContext,
  output: string,
  files: ReadonlyMap<string, string>
): string {
  const root = serviceOutputPath(context, output, 'The output folder')
  const owned = new Set([...files.keys()].filter(f => f.includes('/')).map(f => f.split('/')[0]))
  for (const top of owned)
    for (const stale of filesUnder(join(root, top)))
      if (!files.has(relative(root, stale).split(sep).join('/'))) rmSync(stale)
  for (const path of [...files.keys()].sort()) {
    const target = join(root, ...path.split('/'))
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, files.get(path) as string)
  }
  return output
}
