/** `a`, `b` or `c`, each in backticks; `conjunction` joins the last two (`and` for a full list). */
export function listOf(values: readonly unknown[], conjunction = 'or'): string {
  const quoted = values.map((v) => `\`${String(v)}\``);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted[quoted.length - 1]}`;
}
