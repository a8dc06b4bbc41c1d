// The entry of the published CLI bundle (packages/cli/dist/idp.js): the same runCli as bin/idp.js in
// the repository, compiled once by esbuild instead of through tsx at every start.
import { runCli } from '../../../shared/src/cli/main.js'

process.exitCode = await runCli(process.argv.slice(2))
