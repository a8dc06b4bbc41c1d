#!/usr/bin/env node
// The CLI runs the TypeScript sources directly (through tsx), so it is always the same code as the actions.
import { register } from 'tsx/esm/api'

register()
const { runCli } = await import('../shared/src/cli/main.ts')
process.exitCode = await runCli(process.argv.slice(2))
