import { describe, expect, it, jest } from '@jest/globals'
import { actionsLogger } from './action.js'

/** What the logger prints to the runner, captured. */
function printed(log: () => void): string {
  let out = ''
  const spy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk)
      return true
    })
  try {
    log()
  } finally {
    spy.mockRestore()
  }
  return out
}

// The runner reads every line a step prints that starts with `::` (after blanks) as a workflow
// command: a quoted value must not set outputs, mask text, stop command processing or annotate.
const COMMAND_LINE = /(?:^|[\r\n\u2028\u2029])[^\S\r\n]*::/

describe('the action logger', () => {
  it('prints no workflow command that a quoted value holds', () => {
    const hostile =
      "image 'x'\n::set-output name=changed::true\r::add-mask::ok\n  ::stop-commands::t\u2028::error::fake"
    const out = printed(() => actionsLogger.info(hostile))
    expect(out).toContain('set-output name=changed::true')
    expect(out.replace(/\n$/, '')).not.toMatch(COMMAND_LINE)
  })

  it('shows terminal escapes as text', () => {
    const out = printed(() => actionsLogger.warning('image \u001b[2Jx\u009b1m'))
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u001b\u009b]/)
    expect(out).toContain('\\u001b[2J')
  })
})
