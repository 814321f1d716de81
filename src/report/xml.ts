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
  const a = attributes(attrs);
  return content === undefined ? `<${name}${a}/>` : `<${name}${a}>${content}</${name}>`;
}

/** The start tag {@link element} writes, for content written in pieces; `</name>` ends it. */
export function startTag(name: string, attrs: Record<string, string | number | undefined>): string {
  return `<${name}${attributes(attrs)}>`;
}

function attributes(attrs: Record<string, string | number | undefined>): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
