// How the exported policies spell values inside their expressions: CEL string literals, JMESPath raw
// string literals (inside Kyverno's `{{ }}`), and text matched literally by a regular expression.

/** A CEL string literal. */
export const celString = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`

/**
 * A JMESPath raw string literal for Kyverno's `{{ }}`. JMESPath implementations differ on `\\` inside
 * one (the spec reads it as one backslash, older Go lexers keep both), so texts here never hold two
 * backslashes in a row (a regular expression spells a literal backslash \x5c); a lone backslash stays
 * as written in both. Kyverno finds `{{ }}` by a pattern that allows only balanced single braces inside,
 * so a regular expression spells `{` and `}` as \x7b and \x7d (`regexText`); the one brace pair left
 * is the replacement group `${1}`.
 */
export function rawString(text: string): string {
  if (/\\\\|\\$/.test(text))
    throw new Error(`A raw string must not hold '\\\\' or end in '\\': ${text}`)
  if (/[{}]/.test(text.replace(/\$\{1\}/g, '')))
    throw new Error(`A raw string inside Kyverno's {{ }} must not hold braces: ${text}`)
  return `'${text.replace(/'/g, "\\'")}'`
}

/** A regular expression with its literal braces (escaped as \{ \}) spelled \x7b and \x7d. */
export const regexText = (regex: string) =>
  regex.replace(/\\\{/g, '\\x7b').replace(/\\\}/g, '\\x7d')

/** A JMESPath JSON literal (backticks) of a list of strings, braces and backticks escaped. */
export const jsonLiteral = (value: readonly (string | null)[]) =>
  `\`${JSON.stringify(value)
    .replace(/`/g, '\\`')
    .replace(/\{/g, '\\u007b')
    .replace(/\}/g, '\\u007d')}\``

/** `text` matched literally by an RE2 regular expression. */
export const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
