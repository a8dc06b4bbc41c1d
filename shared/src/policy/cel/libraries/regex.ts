// Regular expressions in CEL run on RE2, as in cel-go and the Kubernetes API server: `matches` (CEL's
// own, re-bound by the compiler to this linear-time engine so `(?i)`, `\z` or `[[:alpha:]]` mean what
// they mean to Kubernetes and no pattern can backtrack), and the Kubernetes regex library's `find` and
// `findAll` (`k8s.io/apiserver/pkg/cel/library/regex.go`).
import type { Environment } from '@marcbachmann/cel-js'
import { LinearRegExp } from '../../../boundary/regex.js'

/** The function name `matches` calls are re-bound to (see compile.ts). */
export const RE2_MATCHES = '__re2_matches'

function findAll(text: string, pattern: string, limit: number): string[] {
  const re = LinearRegExp.compile(pattern)
  const out: string[] = []
  let from = 0
  while (from <= text.length && (limit < 0 || out.length < limit)) {
    const m = re.exec(text, from)
    if (!m) break
    out.push(m.groups[0] ?? '')
    from = m.end > m.index ? m.end : m.end + 1
  }
  return out
}

export function registerRegex(env: Environment): void {
  env.registerFunction(`${RE2_MATCHES}(string, string): bool`, (text: string, pattern: string) =>
    LinearRegExp.compile(pattern).test(text)
  )
  env.registerFunction('string.find(string): string', (text: string, pattern: string) => {
    const m = LinearRegExp.compile(pattern).exec(text)
    return m?.groups[0] ?? ''
  })
  env.registerFunction('string.findAll(string): list<string>', (text: string, pattern: string) =>
    findAll(text, pattern, -1)
  )
  env.registerFunction(
    'string.findAll(string, int): list<string>',
    (text: string, pattern: string, n: bigint) => findAll(text, pattern, Number(n))
  )
}
