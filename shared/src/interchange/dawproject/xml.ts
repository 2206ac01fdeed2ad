import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { strFromU8 } from 'fflate';
import { EncoreError } from '../../errors';

/** An XML element as the codec reads and writes it: ordered children, string attributes. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly text: string;
}

type Ordered = Record<string, unknown>;
const ATTRS = ':@';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
});

const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', format: true, indentBy: '  ', suppressEmptyNode: true });

function fromOrdered(node: Ordered): XmlElement | undefined {
  const name = Object.keys(node).find((k) => k !== ATTRS);
  if (name === undefined || name === '#text' || name.startsWith('?') || name.startsWith('!')) return undefined;
  const raw = node[name];
  const list = Array.isArray(raw) ? (raw as Ordered[]) : [];
  const children: XmlElement[] = [];
  let text = '';
  for (const child of list) {
    if ('#text' in child) text += String(child['#text']);
    else {
      const el = fromOrdered(child);
      if (el) children.push(el);
    }
  }
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries((node[ATTRS] as Record<string, unknown> | undefined) ?? {})) attrs[k] = String(v);
  return { name, attrs, children, text };
}

/**
 * Parses one XML file of the archive into its root element, with a clear error naming the file
 * and line when it is malformed. Documents with a DTD are refused: DAWproject has none, and
 * entity expansion is how XML bombs work.
 *
 * @example
 * parseXml(bytes, 'project.xml').name; // 'Project'
 */
export function parseXml(bytes: Uint8Array, file: string): XmlElement {
  const text = strFromU8(bytes).replace(/^\uFEFF/, '');
  if (/<!DOCTYPE/i.test(text)) throw new EncoreError('BAD_REQUEST', `${file} declares a DTD, which DAWproject files never do; it was refused.`, { reason: 'xml-dtd', file });
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new EncoreError('BAD_REQUEST', `${file} is not well-formed XML (line ${valid.err.line}, column ${valid.err.col}): ${valid.err.msg}`, {
      reason: 'malformed-xml',
      file,
      line: valid.err.line,
    });
  }
  const nodes = parser.parse(text) as Ordered[];
  for (const node of nodes) {
    const el = fromOrdered(node);
    if (el) return el;
  }
  throw new EncoreError('BAD_REQUEST', `${file} holds no XML element.`, { reason: 'malformed-xml', file });
}

/** Builds an element for {@link buildXml}; undefined attributes are left out. */
export function el(name: string, attrs: Record<string, string | number | boolean | undefined> = {}, children: readonly (XmlElement | undefined)[] = [], text = ''): XmlElement {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) clean[k] = String(v);
  return { name, attrs: clean, children: children.filter((c): c is XmlElement => c !== undefined), text };
}

function toOrdered(node: XmlElement): Ordered {
  const body: Ordered[] = node.text ? [{ '#text': node.text }] : node.children.map(toOrdered);
  return Object.keys(node.attrs).length > 0 ? { [node.name]: body, [ATTRS]: node.attrs } : { [node.name]: body };
}

/** Serialises a document with its XML declaration. */
export function buildXml(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${(builder.build([toOrdered(root)]) as string).trim()}\n`;
}

/** The first child of that name. */
export const child = (node: XmlElement | undefined, name: string): XmlElement | undefined => node?.children.find((c) => c.name === name);
/** Every child of that name. */
export const childrenNamed = (node: XmlElement | undefined, name: string): XmlElement[] => node?.children.filter((c) => c.name === name) ?? [];

/** A finite number attribute, or undefined. */
export function num(node: XmlElement | undefined, attr: string): number | undefined {
  const raw = node?.attrs[attr];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** A boolean attribute (`true`/`1`), or undefined. */
export function bool(node: XmlElement | undefined, attr: string): boolean | undefined {
  const raw = node?.attrs[attr];
  return raw === undefined ? undefined : raw === 'true' || raw === '1';
}
