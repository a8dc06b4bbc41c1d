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

/**
 * CPU time of this process so far (user + system, GC threads included), in ms: on a shared machine
 * wall-clock ratios swing with other load, CPU time much less.
 */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}
