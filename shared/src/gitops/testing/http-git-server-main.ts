// Runs the smart-HTTP test server in its own process (for tests that block their own event loop,
// such as the bundle harness's spawnSync). Usage: http-git-server-main.ts <projectRoot> <token>;
// prints the server URL on the first line of stdout and stops on SIGTERM or when stdin closes.
import { startHttpGitServer } from './http-git-server.js'

const [projectRoot, token] = process.argv.slice(2)
const server = await startHttpGitServer({ projectRoot, token })
process.stdout.write(`${server.url}\n`)
const stop = () => void server.close().then(() => process.exit(0))
process.on('SIGTERM', stop)
process.stdin.on('end', stop)
process.stdin.resume()
