/** How findings name a body location: "body" for the whole document, else the pointer. */
export function describePointer(pointer: string): string {
  return pointer === '' ? 'body' : pointer;
}

/** A short JSON rendering for messages: `"Disabled"`, `201`, `{"a":1}` cut at 60 chars. */
export function shortJson(value: unknown, max = 60): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
