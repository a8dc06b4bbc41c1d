// The characters that act on whoever reads text instead of reading as text: C0 and C1 controls and DEL
// (terminal escapes, CR overwriting a line), line and paragraph separators, bidirectional overrides and
// isolates (text shown in another order than it is). One definition for the checks that refuse them
// (render records, tree entry names, commit messages) and for the output that shows them (logger.ts).

const OTHERS = '\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069'

/** In one line of text (a name, a path segment, a record field): every C0 control too. */
export const LINE_CONTROL = new RegExp(`[\\u0000-\\u001f${OTHERS}]`)

/** In text of several lines (a commit message, a log message): line feed and tab are text there. */
export const TEXT_CONTROL = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f${OTHERS}]`)
