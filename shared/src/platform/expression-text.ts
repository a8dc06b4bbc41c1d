// How the exported policies spell values inside their expressions: CEL string literals, JMESPath raw
// string literals (inside Kyverno's `{{ }}`), and text matched literally by a regular expression.

/** A CEL string literal. */
export const celString = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`

/**
 * A JMESPath raw string literal. JMESPath implementations differ on `\\` inside one (the spec reads it
 * as one backslash, older Go lexers keep both), so texts here never hold two backslashes in a row (a
 * regular expression spells a literal backslash \x5c); a lone backslash stays as written in both.
 */
export function rawString(text: string): string {
  if (/\\\\|\\$/.test(text))
    throw new Error(`A raw string must not hold '\\\\' or end in '\\': ${text}`)
  return `'${text.replace(/'/g, "\\'")}'`
}

/** `text` matched literally by an RE2 regular expression. */
export const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
