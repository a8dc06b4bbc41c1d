/**
 * Lookups by names that come from idp.yaml or platform.yaml. A component type, secret store, resource
 * output or env variable may be called `constructor` or `toString`; with `map[name]` or `name in map`
 * that finds Object.prototype's function instead of "not defined". These look at own keys only.
 */

export function ownValue<T>(
  map: Readonly<Record<string, T>> | undefined,
  key: string
): T | undefined {
  return map !== undefined && map !== null && Object.hasOwn(map, key) ? map[key] : undefined
}

export function hasOwnKey(map: object | undefined, key: string): boolean {
  return map !== undefined && map !== null && Object.hasOwn(map, key)
}

/**
 * Writes `map[key] = value` as an own data property. A plain assignment with the key `__proto__`
 * replaces the object's prototype instead, and the key vanishes from what is read later.
 */
export function setOwn<T>(map: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true })
}
