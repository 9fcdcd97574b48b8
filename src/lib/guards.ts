/**
 * Type guards for data read back from outside the app's types (localStorage, Cache Storage, a page's data
 * block), checked by hand: a validation library would load with every page for them
 * (docs/decisions/009-performance-budgets.md).
 */

/** A plain object whose fields can be read one by one: not null, not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A number JSON can hold: not NaN, not ±Infinity. */
export const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)
