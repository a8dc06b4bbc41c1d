// Kyverno's regular-expression functions run Go's `regexp` (RE2); idp runs the same syntax and
// semantics in linear time through the boundary's RE2 engine, so a policy's pattern cannot stall
// validation and `(?i)`, `\z`, `[[:alpha:]]` or `${1}` mean what they mean in Kyverno.
import { visit, type Document } from 'yaml'
import { LinearRegExp, regExpSyntaxProblem } from '../../boundary/regex.js'
import type { Position, Problem } from '../../runtime/errors.js'

/** `regex_match`: whether `pattern` matches anywhere in `text` (Go `regexp.MatchString`). */
export function goRegexMatch(pattern: string, text: string): boolean {
  return LinearRegExp.compile(pattern).test(text)
}

/** `regex_replace_all`: Go `ReplaceAllString`, `$1` / `${1}` / `${name}` expanded as Go does. */
export function goReplaceAll(pattern: string, text: string, template: string): string {
  return LinearRegExp.compile(pattern).replaceAllExpand(text, template)
}

/** `regex_replace_all_literal`: Go `ReplaceAllLiteralString`. */
export function goReplaceAllLiteral(pattern: string, text: string, replacement: string): string {
  return LinearRegExp.compile(pattern).replaceAllLiteral(text, replacement)
}

/**
 * Literal patterns of `regex_match(…)`, `regex_replace_all(…)` and `regex_replace_all_literal(…)`
 * (JMESPath raw strings) and CEL `matches(…)` in one string of a policy.
 */
export function regexLiterals(text: string): string[] {
  const out: string[] = []
  if (text.includes('regex_'))
    for (const m of text.matchAll(
      /\bregex_(?:match|replace_all(?:_literal)?)\(\s*'((?:\\.|[^'\\])*)'/g
    ))
      out.push(m[1].replace(/\\'/g, "'"))
  if (text.includes('matches('))
    for (const m of text.matchAll(
      /\bmatches\(\s*(?:[^,()'"]+,\s*)?(['"])((?:\\.|(?!\1)[^\\])*)\1/g
    ))
      out.push(m[2].replace(/\\(['"\\])/g, '$1'))
  return out
}

/**
 * Every literal regular expression in a policy document that RE2 cannot compile, at its line: the
 * policy's own mistake, said once when it is read (Kyverno would fail the rule on every resource).
 */
export function regexLiteralProblems(
  doc: Document,
  positionOf: (offset: number) => Position
): Problem[] {
  const problems: Problem[] = []
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return
      for (const pattern of regexLiterals(node.value)) {
        const problem = regExpSyntaxProblem(pattern)
        if (problem)
          problems.push({
            message: `The regular expression '${pattern}' is not valid RE2 (the syntax Kyverno and Kubernetes use): ${problem}.`,
            position: positionOf(node.range?.[0] ?? 0),
            hint: 'RE2 has no lookaround and no backreferences; rewrite the pattern without them.'
          })
      }
    }
  })
  return problems
}
