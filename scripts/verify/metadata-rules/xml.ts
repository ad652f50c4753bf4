/**
 * A small, position-aware XML element tree for the metadata gate.
 *
 * Well-formedness is decided by fast-xml-parser's `XMLValidator` (which reports line and column);
 * the tree is built by `XMLParser` in `preserveOrder` mode with `captureMetaData`, so every element
 * knows the line it starts on and issues can point at the offending element. All values stay
 * strings: the rules convert numbers and booleans deliberately.
 *
 * @module
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One XML element with its position in the file. */
export interface XmlElement {
  /** Tag name, e.g. `CustomField`. */
  readonly name: string;
  /** Attributes by name (no prefix), e.g. `{ xmlns: 'http://…' }`. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Child elements in document order. */
  readonly children: readonly XmlElement[];
  /** The element's own text content (CDATA included), trimmed; `''` when it has none. */
  readonly text: string;
  /** 1-based line of the element's start tag. */
  readonly line: number;
}

/** Result of {@link parseXml}: the root element, or where and why the text is not well-formed. */
export type ParseResult =
  | { readonly ok: true; readonly root: XmlElement }
  | {
      readonly ok: false;
      readonly line: number;
      readonly column?: number;
      readonly message: string;
    };

/** A node as fast-xml-parser returns it with `preserveOrder: true`. */
type OrderedNode = Record<string, unknown>;

const TEXT_KEY = '#text';
const ATTRIBUTES_KEY = ':@';
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

const parser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true
});

/** Maps character offsets to 1-based line numbers with a binary search over line starts. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }

  /** 1-based line of a 0-based character offset. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ATTRIBUTES_KEY && key !== TEXT_KEY);
}

function toElement(node: OrderedNode, lines: LineIndex): XmlElement | undefined {
  const name = elementName(node);
  if (name === undefined) return undefined;
  const content = Array.isArray(node[name]) ? (node[name] as OrderedNode[]) : [];
  const children: XmlElement[] = [];
  const texts: string[] = [];
  for (const child of content) {
    if (TEXT_KEY in child) texts.push(String(child[TEXT_KEY]));
    const element = toElement(child, lines);
    if (element) children.push(element);
  }
  const attributes: Record<string, string> = {};
  const rawAttributes = node[ATTRIBUTES_KEY];
  if (rawAttributes && typeof rawAttributes === 'object') {
    for (const [key, value] of Object.entries(rawAttributes)) attributes[key] = String(value);
  }
  const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
  return {
    name,
    attributes,
    children,
    text: texts.join('').trim(),
    line: lines.lineOf(meta?.startIndex ?? 0)
  };
}

/**
 * Checks that a text is well-formed XML with exactly one root element and builds its element tree.
 *
 * @param text - the whole file content
 * @returns the root element, or the validator's line, column and message
 */
export function parseXml(text: string): ParseResult {
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { line, col, msg } = validation.err;
    return { ok: false, line: line || 1, column: col || undefined, message: msg };
  }
  const lines = new LineIndex(text);
  const roots = (parser.parse(text) as OrderedNode[])
    .map((node) => toElement(node, lines))
    .filter((element): element is XmlElement => element !== undefined);
  if (roots.length === 0) return { ok: false, line: 1, message: 'the file has no root element' };
  if (roots.length > 1) {
    const extra = roots[1];
    return {
      ok: false,
      line: extra.line,
      message: `more than one root element: <${extra.name}> follows <${roots[0].name}>`
    };
  }
  return { ok: true, root: roots[0] };
}

/** The first child element named `name`, if any. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((candidate) => candidate.name === name);
}

/** Every child element named `name`, in document order. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((candidate) => candidate.name === name);
}

/** The text of the first child element named `name`; `undefined` when there is no such child. */
export function childText(element: XmlElement, name: string): string | undefined {
  return child(element, name)?.text;
}

/** Every element in the tree (the element itself first), depth-first in document order. */
export function descendants(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(descendants)];
}
