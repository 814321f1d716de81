import { visible } from './text.js';

/**
 * XML 1.0 text from any string. Characters XML forbids are shown as `\uXXXX` (see
 * {@link visible}) and all five markup characters are escaped, so `]]>` and `<script>` in a
 * response body are plain text and no CDATA section is ever needed.
 */
export function xmlText(text: string): string {
  return visible(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/** Like {@link xmlText}, and keeps tabs and newlines, which attribute normalisation would flatten. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** An element with attributes (skipped when undefined) and already-escaped content. */
export function element(name: string, attrs: Record<string, string | number | undefined>, content?: string): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
  return content === undefined ? `<${name}${a}/>` : `<${name}${a}>${content}</${name}>`;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
