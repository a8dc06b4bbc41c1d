import { promoteCommand } from '../../../shared/src/commands/promote.js'
import { runAction } from '../../../shared/src/runtime/action.js'

await runAction(promoteCommand)
