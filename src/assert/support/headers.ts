/**
 * The value of a header, matching its name case-insensitively (HTTP header names are). The
 * recorded exchange already uses lower-case names; traffic from a proxy may not.
 */
export function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const lower = name.toLowerCase();
  if (Object.hasOwn(headers, lower)) return headers[lower];
  const key = Object.keys(headers).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : headers[key];
}
