/** One line of the benchmark table. */
export interface BenchRow {
  readonly benchmark: string
  readonly case: string
  readonly value: number
  readonly unit: string
  readonly notes?: string
}

/** Peak resident set size so far, in MiB (process-wide high-water mark). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024
}
