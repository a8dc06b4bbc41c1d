import { gitopsMergeCommand } from '../../../shared/src/commands/gitops-merge.js'
import { runAction } from '../../../shared/src/runtime/action.js'

await runAction(gitopsMergeCommand)
