import type { Command } from '../runtime/command.js'
import { catalogCommand } from '../commands/catalog.js'
import { gitopsMergeCommand } from '../commands/gitops-merge.js'
import { gitopsVerifyCommand } from '../commands/gitops-verify.js'
import { initCommand } from '../commands/init.js'
import { platformBootstrapCommand } from '../commands/platform-bootstrap.js'
import { platformPoliciesCommand } from '../commands/platform-policies.js'
import { policyTestCommand } from '../commands/policy-test.js'
import { promoteCommand } from '../commands/promote.js'
import { renderCommand } from '../commands/render.js'
import { secretSealCommand } from '../commands/secret-seal.js'
import { statusCommand } from '../commands/status.js'
import { validateCommand } from '../commands/validate.js'

/**
 * Every command the CLI offers: `init` first, then the pipeline's order; each but `init`, `status`,
 * `policy test` and `secret seal` is also an action.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: readonly Command<any>[] = [
  initCommand,
  renderCommand,
  validateCommand,
  promoteCommand,
  catalogCommand,
  gitopsVerifyCommand,
  gitopsMergeCommand,
  statusCommand,
  policyTestCommand,
  secretSealCommand,
  platformBootstrapCommand,
  platformPoliciesCommand
]
