import type { Command } from '../runtime/command.js'
import { policyTestCommand } from '../commands/policy-test.js'
import { catalogCommand } from '../commands/catalog.js'
import { promoteCommand } from '../commands/promote.js'
import { validateCommand } from '../commands/validate.js'

/** Every command the CLI offers; each is also an action under actions/<action>/. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: readonly Command<any>[] = [
  catalogCommand,
  policyTestCommand,
  promoteCommand,
  validateCommand
]
