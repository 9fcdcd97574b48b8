/**
 * How long a piece of work takes, in milliseconds from `performance.now()`: the one stopwatch the bench's
 * groups use, so every figure starts and stops the same way, around the work alone.
 */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now()
  const value = await work()
  return { value, ms: performance.now() - started }
}
