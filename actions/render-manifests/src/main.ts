import { renderCommand } from '../../../shared/src/commands/render.js'
import { runAction } from '../../../shared/src/runtime/action.js'

await runAction(renderCommand)
