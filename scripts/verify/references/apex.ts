import type { Issue } from '../../lib/issues.js';
import { lineAt } from '../../lib/issues.js';
import { anyObjectHasField, type SchemaIndex } from './schema-index.js';
import {
  extractSoqlReferences,
  resolveFieldPath,
  tokenizeSoql,
  type SoqlReference
} from './soql.js';

/** A piece of Apex source: code with comments blanked, its string literals and its inline SOQL. */
interface ApexSource {
  /** The original source. */
  raw: string;
  /** The source with comments, string literals and SOQL blocks replaced by spaces (offsets kept). */
  code: string;
  strings: Array<{ value: string; offset: number }>;
  soql: Array<{ text: string; offset: number }>;
}

/**
 * Splits Apex source into code, string literals and inline SOQL/SOSL, keeping offsets, so that
 * the checks never match names inside comments and can read queries separately.
 *
 * @param text - Apex class or trigger source
 */
export function lexApex(text: string): ApexSource {
  const code = text.split('');
  const strings: ApexSource['strings'] = [];
  const soql: ApexSource['soql'] = [];
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to; k++) if (code[k] !== '\n') code[k] = ' ';
  };
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (text[i] === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'" && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      strings.push({ value: text.slice(i + 1, j), offset: i + 1 });
      blank(i, j + 1);
      i = j + 1;
    } else if (text[i] === '[' && /^\[\s*(select|find)\b/i.test(text.slice(i, i + 200))) {
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === "'") {
          j++;
          while (j < text.length && text[j] !== "'") j += text[j] === '\\' ? 2 : 1;
        } else if (text[j] === '[') depth++;
        else if (text[j] === ']' && --depth === 0) break;
      }
      soql.push({ text: text.slice(i + 1, j), offset: i + 1 });
      blank(i, j + 1);
      i = j + 1;
    } else {
      i++;
    }
  }
  return { raw: text, code: code.join(''), strings, soql };
}

type Report = (offset: number, rule: string, message: string) => void;

function checkSoql(index: SchemaIndex, refs: SoqlReference[], report: Report): void {
  const children = new Map<string, string | undefined>();
  for (const ref of refs) {
    if (ref.kind === 'object') {
      if (!index.objects.has(ref.object.toLowerCase())) {
        report(ref.offset, 'UnknownObject', `SOQL queries unknown object ${ref.object}`);
      }
    } else if (ref.kind === 'child') {
      const parent = index.objects.get(ref.object.toLowerCase());
      const child = parent?.children.get(ref.path.toLowerCase());
      children.set(`child:${ref.object}:${ref.path}`.toLowerCase(), child);
      if (parent && !child) {
        report(
          ref.offset,
          'UnknownRelationship',
          `SOQL subquery names unknown child relationship ${ref.path} of ${parent.name}`
        );
      }
    } else {
      let object: string | undefined = ref.object;
      if (ref.object.startsWith('child:')) object = children.get(ref.object.toLowerCase());
      if (!object || !index.objects.has(object.toLowerCase())) continue;
      const problem = resolveFieldPath(index, object, ref.path);
      if (problem)
        report(ref.offset, 'UnknownField', `SOQL references ${ref.path} on ${object}: ${problem}`);
    }
  }
}

function knownObject(index: SchemaIndex, name: string): boolean {
  return index.objects.has(name.toLowerCase());
}

function checkCode(index: SchemaIndex, source: ApexSource, report: Report): void {
  const { code } = source;
  // Schema tokens: Schema.SObjectType.X.fields.Y, SObjectType.X.fields.Y, Schema.X.Y, X.SObjectType, X__c.Y__c
  for (const m of code.matchAll(
    /\b(?:Schema\s*\.\s*)?SObjectType\s*\.\s*(\w+)(?:\s*\.\s*fields\s*\.\s*(\w+))?/gi
  )) {
    const [, object, field] = m;
    if (!knownObject(index, object)) {
      report(m.index, 'UnknownObject', `Schema token names unknown object ${object}`);
    } else if (field) {
      const problem = resolveFieldPath(index, object, field);
      if (problem)
        report(m.index, 'UnknownField', `Schema token ${object}.fields.${field}: ${problem}`);
    }
  }
  for (const m of code.matchAll(/\b(?:Schema\s*\.\s*)?(\w+)\s*\.\s*(\w+)\b/g)) {
    const [, object, member] = m;
    const preceding = code.slice(Math.max(0, m.index - 1), m.index);
    if (preceding === '.' || (!/__(c|e|mdt)$/i.test(object) && !/^Schema\s*\./.test(m[0])))
      continue;
    if (/^(sobjecttype|getinstance|getall|getsobjecttype|fields)$/i.test(member)) continue;
    if (!knownObject(index, object)) continue; // reported by the type check below
    if (/__c$/i.test(member) || /^Schema\s*\./.test(m[0])) {
      const problem = resolveFieldPath(index, object, member);
      if (problem) report(m.index, 'UnknownField', `${object}.${member}: ${problem}`);
    }
  }
  // Custom object, event and metadata types used by name (not after a dot: those are fields).
  for (const m of code.matchAll(/(?<![.\w])(\w+__(?:c|e|mdt|x|b))\b(?!\s*=[^=])/gi)) {
    const name = m[1];
    if (knownObject(index, name) || anyObjectHasField(index, name)) continue;
    report(m.index, 'UnknownType', `${name} is neither an object nor a field in the project`);
  }
  // Field access by dot notation: the type of the variable is unknown here, but some object must have the field.
  for (const m of code.matchAll(/(?<!\bfields\s*)\.\s*(\w+__c)\b/gi)) {
    if (!anyObjectHasField(index, m[1]) && !knownObject(index, m[1])) {
      report(
        m.index + m[0].indexOf(m[1]),
        'UnknownField',
        `no object in the project has a field ${m[1]}`
      );
    }
  }
  for (const m of code.matchAll(/\.\s*(\w+)__r\b/gi)) {
    const relationship = `${m[1]}__r`.toLowerCase();
    const exists = [...index.objects.values()].some((o) =>
      [...o.fields.values()].some(
        (f) => `${f.relationshipName ?? ''}__r`.toLowerCase() === relationship
      )
    );
    if (!exists)
      report(
        m.index + 1,
        'UnknownRelationship',
        `no lookup in the project has the relationship ${m[1]}__r`
      );
  }
  // new X(Field = value, ...) on a known SObject.
  for (const m of code.matchAll(/\bnew\s+(\w+)\s*\(/g)) {
    if (!knownObject(index, m[1])) continue;
    let depth = 0;
    let start = m.index + m[0].length;
    for (let j = start; j < code.length; j++) {
      const c = code[j];
      if (c === '(' || c === '{' || c === '[') depth++;
      else if (c === ')' || c === '}' || c === ']') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && c === ',') start = j + 1;
      if (
        depth === 0 &&
        c === '=' &&
        code[j + 1] !== '=' &&
        code[j - 1] !== '!' &&
        code[j - 1] !== '<' &&
        code[j - 1] !== '>'
      ) {
        const name = code.slice(start, j).trim();
        if (/^\w+$/.test(name) && !resolveFieldIsOk(index, m[1], name)) {
          report(
            start + code.slice(start, j).indexOf(name),
            'UnknownField',
            `new ${m[1]}(${name} = …): no field ${name} on ${m[1]}`
          );
        }
      }
    }
  }
  // Labels and custom permissions.
  for (const m of code.matchAll(/(?<![.\w])(?:System\s*\.\s*)?Label\s*\.\s*(\w+)/g)) {
    if (!index.labels.has(m[1].toLowerCase()))
      report(m.index, 'UnknownLabel', `custom label ${m[1]} does not exist`);
  }
}

function resolveFieldIsOk(index: SchemaIndex, object: string, field: string): boolean {
  return resolveFieldPath(index, object, field) === undefined;
}

function checkStringArguments(index: SchemaIndex, source: ApexSource, report: Report): void {
  const text = source.raw;
  const stringAt = new Map(source.strings.map((s) => [s.offset, s.value]));
  // Calls are matched in the raw text up to the opening quote of their argument; a match that
  // starts inside a comment or string (blanked in `code`) is not a call.
  const argument = (m: RegExpMatchArray): string | undefined =>
    source.code[m.index ?? 0] === ' ' ? undefined : stringAt.get((m.index ?? 0) + m[0].length);
  for (const m of text.matchAll(/FeatureManagement\s*\.\s*checkPermission\s*\(\s*'/g)) {
    const name = argument(m);
    if (name !== undefined && !index.customPermissions.has(name.toLowerCase())) {
      report(m.index ?? 0, 'UnknownCustomPermission', `custom permission ${name} does not exist`);
    }
  }
  for (const m of text.matchAll(/(\w+__mdt)\s*\.\s*getInstance\s*\(\s*'/gi)) {
    const name = argument(m);
    const records = index.customMetadataRecords.get(m[1].toLowerCase());
    if (name !== undefined && !records?.has(name.toLowerCase())) {
      report(m.index ?? 0, 'UnknownMetadataRecord', `${m[1]} has no record ${name}`);
    }
  }
  for (const m of text.matchAll(/PageReference\s*\.\s*forResource\s*\(\s*'/g)) {
    const name = argument(m);
    if (name !== undefined && !index.staticResources.has(name.toLowerCase())) {
      report(m.index ?? 0, 'UnknownStaticResource', `static resource ${name} does not exist`);
    }
  }
  for (const s of source.strings) {
    const callout = /^callout:(\w+)/.exec(s.value);
    if (callout && !index.namedCredentials.has(callout[1].toLowerCase())) {
      report(s.offset, 'UnknownNamedCredential', `named credential ${callout[1]} does not exist`);
    }
    if (/^\s*select\b[\s\S]*\bfrom\s+\w/i.test(s.value)) {
      const refs = extractSoqlReferences(tokenizeSoql(s.value), s.offset);
      checkSoql(index, refs, report);
    }
  }
}

/**
 * Checks the references of one Apex file: SOQL (inline and in string literals), Schema tokens,
 * custom object/event/metadata types, fields read by dot notation, SObject constructors, custom
 * labels, custom permissions, custom metadata records, static resources and named credentials.
 *
 * @param index - what references may resolve to
 * @param file - path reported in issues
 * @param text - the Apex source
 */
export function checkApexReferences(index: SchemaIndex, file: string, text: string): Issue[] {
  const issues: Issue[] = [];
  const report: Report = (offset, rule, message) =>
    issues.push({ file, line: lineAt(text, offset), rule: `refs/${rule}`, message });
  const source = lexApex(text);
  for (const query of source.soql) {
    checkSoql(index, extractSoqlReferences(tokenizeSoql(query.text), query.offset), report);
  }
  checkCode(index, source, report);
  checkStringArguments(index, source, report);
  return issues;
}
