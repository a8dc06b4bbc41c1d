// Kyverno's regular-expression functions run Go's `regexp` (RE2); idp runs the same syntax and
// semantics in linear time through the boundary's RE2 engine, so a policy's pattern cannot stall
// validation and `(?i)`, `\z`, `[[:alpha:]]` or `${1}` mean what they mean in Kyverno.
import { LinearRegExp } from '../../boundary/regex.js'

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
