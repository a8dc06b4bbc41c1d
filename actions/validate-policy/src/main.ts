import { validateCommand } from '../../../shared/src/commands/validate.js'
import { runAction } from '../../../shared/src/runtime/action.js'

await runAction(validateCommand)
