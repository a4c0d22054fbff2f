/** Appends value to the list of key in m (creating it): grouping rows in one pass, without copying a list per row. */
export function pushTo<K, V>(m: Map<K, V[]>, key: K, value: V): void {
  const list = m.get(key);
  if (list) list.push(value);
  else m.set(key, [value]);
}
