import { catalogCommand } from '../../../shared/src/commands/catalog.js'
import { runAction } from '../../../shared/src/runtime/action.js'

await runAction(catalogCommand)
