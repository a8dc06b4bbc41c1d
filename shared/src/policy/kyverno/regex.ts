// Go RE2 regular expressions run through JavaScript's engine: the constructs the policy library uses
// are common to both; Go's leading inline flags `(?i)`, `(?s)`, `(?m)` become JavaScript flags and
// `${1}` in replacements becomes `$1`.

const cache = new Map<string, RegExp>()

export function goRegExp(pattern: string, global = false): RegExp {
  const key = `${global ? 'g' : ''}:${pattern}`
  let re = cache.get(key)
  if (!re) {
    let body = pattern
    let flags = global ? 'g' : ''
    const inline = /^\(\?([imsU]+)\)/.exec(body)
    if (inline) {
      body = body.slice(inline[0].length)
      for (const f of inline[1]) if (f !== 'U' && !flags.includes(f)) flags += f
    }
    // \z (end of text) and \A (start) exist in RE2 but not in JavaScript.
    body = body.replace(/\\z/g, '$(?![\\s\\S])').replace(/\\A/g, '^')
    re = new RegExp(body, flags + 'u')
    if (cache.size > 2000) cache.clear()
    cache.set(key, re)
  }
  re.lastIndex = 0
  return re
}

export function goReplacement(replacement: string): string {
  return replacement.replace(/\$\{(\w+)\}/g, (_, name: string) =>
    /^\d+$/.test(name) ? `$${name}` : `$<${name}>`
  )
}
