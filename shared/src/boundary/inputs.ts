/**
 * The service boundary, part "inputs": where an input that names a file or folder may point. Paths a
 * service reads resolve inside its repository (files.ts then reads them); paths idp writes may not
 * pass through a link that leads out of it; the platform config is the developer's own choice in the
 * CLI only.
 */
import { lstatSync, realpathSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { UserError } from '../runtime/errors.js'
import { currentSurface } from '../runtime/surface.js'
import { gitToplevel, isInside, realRoot, resolveInside } from './files.js'

/**
 * The repository root a command reads service files from: `GITHUB_WORKSPACE` in an action (the
 * command context's workspace); in the CLI (runtime/surface) the git top level above the working
 * folder, else the working folder itself.
 */
export function repositoryRoot(context: InputContext): string {
  const workspace = resolve(context.workspace)
  if (currentSurface() !== 'cli') return workspace
  return gitToplevel(workspace) ?? workspace
}

/** What a command knows of where it runs (a CommandContext fits). */
export interface InputContext {
  readonly workspace: string
}

/**
 * An input naming a service file or folder (relative to the workspace, or absolute): its absolute
 * path, refused when it lies outside the repository root or leads out of it through a link.
 */
export function serviceInputPath(context: InputContext, input: string, what: string): string {
  const root = repositoryRoot(context)
  const options = { what, display: input, base: resolve(context.workspace) }
  resolveInside(root, input, options)
  return resolve(options.base, input)
}

/**
 * An input naming a platform file (platform.yaml): in an action it must lie inside the workspace
 * like any other (the service's workflow sets inputs); in the CLI it is the developer's own choice.
 */
export function platformInputPath(context: InputContext, input: string, what: string): string {
  if (currentSurface() !== 'cli') return serviceInputPath(context, input, what)
  return resolve(context.workspace, input)
}

/**
 * An input naming a file or folder idp writes (rendered manifests, catalog-info.yaml, reports). A
 * path inside the repository must stay inside it where it lands: no existing link on the way (the
 * path itself included) may lead out of it, since a write follows links. Returns the absolute path.
 */
export function serviceOutputPath(context: InputContext, input: string, what: string): string {
  const root = repositoryRoot(context)
  const absolute = resolve(context.workspace, input)
  if (!isInside(resolve(root), absolute)) return absolute
  const rootReal = realRoot(root)
  // The deepest part that exists decides where the write lands.
  for (let probe = absolute; ; probe = dirname(probe)) {
    let exists = true
    try {
      lstatSync(probe)
    } catch {
      exists = false
    }
    if (exists) {
      let real: string | undefined
      try {
        real = realpathSync(probe)
      } catch {
        real = undefined // a dangling link: the write would create its target, wherever it is
      }
      if (real === undefined || !isInside(rootReal, real))
        throw new UserError({
          message: `${what} '${input}' is or passes through a symbolic link that leads outside the repository; idp writes only inside it.`,
          hint: 'Remove the link (or name another path); idp never writes through a link out of the repository.'
        })
      return absolute
    }
    if (dirname(probe) === probe) return absolute
  }
}

/**
 * An input naming a file idp writes (a report, SARIF, catalog-info.yaml): as serviceOutputPath, and
 * refused when it names a folder (an existing one, or a path ending in `/`), which no write can replace.
 */
export function serviceOutputFile(context: InputContext, input: string, what: string): string {
  const absolute = serviceOutputPath(context, input, what)
  let folder = input === '' || /[/\\]$/.test(input)
  try {
    folder ||= statSync(absolute).isDirectory()
  } catch {
    // Not there yet: the write creates it.
  }
  if (folder)
    throw new UserError({
      message: `${what} '${input}' is a folder, not a file.`,
      hint: 'Give the path of the file to write (inside the folder, if you like).'
    })
  return absolute
}
