/**
 * Custom labels for the local preview: `@salesforce/label/c.<Name>` imports resolve at build time
 * to the label's text from `force-app/main/default/labels/CustomLabels.labels-meta.xml`.
 *
 * @module
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/** Project-relative path of the labels file. */
export const LABELS_PATH = 'force-app/main/default/labels/CustomLabels.labels-meta.xml';

/**
 * Reads every custom label's text, by full name.
 *
 * @param root - the project root
 * @returns label name → text (en_US, as stored)
 * @throws Error naming the file when it is missing or not well-formed
 */
export function readLabels(root: string): Map<string, string> {
  const file = path.join(root, LABELS_PATH);
  let xml: string;
  try {
    xml = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${LABELS_PATH}: cannot read the custom labels: ${(error as Error).message}`);
  }
  return parseLabels(xml, LABELS_PATH);
}

/**
 * Parses the text of a `CustomLabels` file.
 *
 * @param xml - the file's text
 * @param where - the file's name, for messages
 * @returns label name → text
 * @throws Error when the XML has no `CustomLabels` root or a label has no full name
 */
export function parseLabels(xml: string, where: string): Map<string, string> {
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => name === 'labels'
  });
  const root = (parser.parse(xml) as { CustomLabels?: { labels?: unknown[] } }).CustomLabels;
  if (root === undefined || typeof root !== 'object') {
    throw new Error(`${where}: no <CustomLabels> root element`);
  }
  const labels = new Map<string, string>();
  for (const entry of (root.labels ?? []) as Array<{ fullName?: unknown; value?: unknown }>) {
    if (typeof entry.fullName !== 'string' || entry.fullName === '') {
      throw new Error(`${where}: a <labels> entry has no <fullName>`);
    }
    labels.set(entry.fullName, typeof entry.value === 'string' ? entry.value : '');
  }
  return labels;
}

/**
 * The import specifier of a label, without its namespace: `@salesforce/label/c.Foo` → `Foo`.
 *
 * @param specifier - an import specifier
 * @returns the label name, or undefined when the specifier is not a `c.` label import
 */
export function labelNameOf(specifier: string): string | undefined {
  const match = /^@salesforce\/label\/c\.([A-Za-z][A-Za-z0-9_]*)$/.exec(specifier);
  return match?.[1];
}
