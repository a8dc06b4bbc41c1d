import { gitopsVerifyCommand } from '../../../shared/src/commands/gitops-verify.js'
import { runAction } from '../../../shared/src/runtime/action.js'

await runAction(gitopsVerifyCommand)
