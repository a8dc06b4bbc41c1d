import type { Position } from './errors.js'
import { TEXT_CONTROL } from './control-characters.js'

export type AnnotationLevel = 'error' | 'warning' | 'notice'

export interface Annotation {
  readonly level: AnnotationLevel
  readonly message: string
  readonly title?: string
  readonly position?: Position
  readonly endLine?: number
  readonly endColumn?: number
}

/** What domain code may say; the action and CLI decide where it goes. */
export interface Logger {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
  error(message: string): void
  annotate(annotation: Annotation): void
  /** Registers a value that must never be printed (a token); every later line is redacted. */
  setSecret(value: string): void
  group<T>(name: string, run: () => Promise<T>): Promise<T>
}

export interface RecordedLine {
  readonly level: 'debug' | 'info' | 'warning' | 'error' | 'group'
  readonly message: string
}

/** A logger that keeps everything in memory, for tests. */
export class RecordingLogger implements Logger {
  readonly lines: RecordedLine[] = []
  readonly annotations: Annotation[] = []
  readonly secrets: string[] = []

  debug(message: string): void {
    this.lines.push({ level: 'debug', message: this.redact(message) })
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message: this.redact(message) })
  }
  warning(message: string): void {
    this.lines.push({ level: 'warning', message: this.redact(message) })
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message: this.redact(message) })
  }
  annotate(annotation: Annotation): void {
    this.annotations.push({ ...annotation, message: this.redact(annotation.message) })
  }
  setSecret(value: string): void {
    if (value) this.secrets.push(value)
  }
  async group<T>(name: string, run: () => Promise<T>): Promise<T> {
    this.lines.push({ level: 'group', message: name })
    return run()
  }
  text(): string {
    return this.lines.map(l => `${l.level}: ${l.message}`).join('\n')
  }
  private redact(message: string): string {
    return redact(message, this.secrets)
  }
}

/** Control characters a terminal or a log viewer acts on; line breaks and tabs are not among them. */
const UNPRINTABLE = new RegExp(TEXT_CONTROL.source, 'g')

/**
 * Text for a terminal or a runner's log. Messages quote what a service wrote (an image, a path, a
 * value), which may hold ESC (a terminal escape: colours, screen clearing, OSC 52 clipboard writes),
 * CR (overwriting what was printed), C1 controls or bidirectional overrides: each is shown as `\uXXXX`,
 * never acted on.
 */
export function printable(message: string): string {
  return message.replace(UNPRINTABLE, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

export function redact(message: string, secrets: readonly string[]): string {
  let out = message
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('***')
  return out
}

/** Discards everything; for benchmarks and callers that only want results. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  annotate: () => undefined,
  setSecret: () => undefined,
  group: (_name, run) => run()
}
