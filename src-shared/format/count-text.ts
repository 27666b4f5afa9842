/** `1 row`, `2 rows`, `59,388 rows`: a count with its noun in the right number (en-GB digit grouping). */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
