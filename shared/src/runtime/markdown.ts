// Text from a service (messages naming its values, image references, render records another service
// wrote) lands in job summaries that platform reviewers read. It must read as the text it is: it may
// not close a table cell, open HTML, or turn into a link or an image the platform did not write.

/** Text for a markdown table cell or list item: no cell break, no HTML, no line break. */
export function markdownText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[[\]!`*_]/g, c => `\\${c}`)
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
}

/** Inline code holding any text: the fence is longer than any run of backticks in it. */
export function markdownCode(text: string): string {
  const flat = text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ').replace(/\|/g, '\\|')
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${flat}${pad}${fence}`
}

/** A link only to an http(s) address without spaces, quotes or brackets; otherwise the label alone. */
export function markdownLink(label: string, url: string | undefined): string {
  const text = markdownText(label)
  if (url === undefined || !/^https?:\/\/[^\s"'<>()[\]\\`]+$/.test(url)) return text
  return `[${text}](${url})`
}
