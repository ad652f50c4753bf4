import type { SchemaIndex } from './schema-index.js';

/** A reference found in a SOQL query: a field path on an object, or the object itself. */
export interface SoqlReference {
  kind: 'object' | 'field' | 'child';
  /** Object the path starts from (for `child`: the parent object). */
  object: string;
  /** Field path (`Account.Name`), object name, or child relationship name. */
  path: string;
  /** Offset of the reference in the query text. */
  offset: number;
}

interface Token {
  kind: 'ident' | 'string' | 'number' | 'punct';
  value: string;
  offset: number;
}

const KEYWORDS = new Set(
  (
    'select from where and or not in like includes excludes order by asc desc nulls first last group ' +
    'having limit offset with for update view reference all rows using scope typeof when then else end ' +
    'null true false rollup cube data category at above below above_or_below security_enforced user_mode ' +
    'system_mode tracking viewstat'
  ).split(' ')
);

const DATE_LITERAL =
  /^(yesterday|today|tomorrow|(last|this|next)_(week|month|quarter|year|fiscal_quarter|fiscal_year|90_days)|(last|next)_n_\w+|n_\w+_ago)$/i;

/** Splits SOQL text into identifiers, literals and punctuation; bind expressions are dropped. */
export function tokenizeSoql(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      const start = i++;
      while (i < text.length && text[i] !== "'") i += text[i] === '\\' ? 2 : 1;
      i++;
      tokens.push({ kind: 'string', value: text.slice(start, i), offset: start });
    } else if (ch === ':') {
      // A bind expression (`:ids`, `:record.Id`, `:getIds()`): skip it, brackets included.
      i++;
      while (i < text.length && /\s/.test(text[i])) i++;
      let depth = 0;
      while (i < text.length) {
        const c = text[i];
        if (c === '(' || c === '[') depth++;
        else if (c === ')' || c === ']') {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0 && !/[\w.]/.test(c)) break;
        i++;
      }
    } else if (/[A-Za-z_]/.test(ch)) {
      const start = i;
      while (i < text.length && /[\w.]/.test(text[i])) i++;
      tokens.push({ kind: 'ident', value: text.slice(start, i), offset: start });
    } else if (/[0-9-]/.test(ch)) {
      const start = i;
      i++;
      while (i < text.length && /[\w:.+-]/.test(text[i])) i++;
      tokens.push({ kind: 'number', value: text.slice(start, i), offset: start });
    } else {
      tokens.push({ kind: 'punct', value: ch, offset: i });
      i++;
    }
  }
  return tokens;
}

function matchingParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].value === '(') depth++;
    else if (tokens[i].value === ')' && --depth === 0) return i;
  }
  return tokens.length - 1;
}

function isKeyword(token: Token): boolean {
  return KEYWORDS.has(token.value.toLowerCase()) || DATE_LITERAL.test(token.value);
}

/**
 * Extracts the object and field references of a SOQL query. Subqueries on child relationships
 * are reported as `child` references and their fields are resolved by the caller against the
 * child object; semi-join subqueries are independent queries.
 *
 * @param tokens - the query's tokens (see {@link tokenizeSoql}), from SELECT to its end
 * @param baseOffset - offset of the query in its file, added to every reported offset
 * @param parentObject - for a child subquery: the parent object its FROM names a relationship of
 */
export function extractSoqlReferences(
  tokens: Token[],
  baseOffset: number,
  parentObject?: string
): SoqlReference[] {
  const refs: SoqlReference[] = [];
  const select = tokens.findIndex((t) => t.kind === 'ident' && t.value.toLowerCase() === 'select');
  if (select < 0) return refs;
  let depth = 0;
  let from = -1;
  for (let i = select + 1; i < tokens.length; i++) {
    if (tokens[i].value === '(') depth++;
    else if (tokens[i].value === ')') depth--;
    else if (
      depth === 0 &&
      tokens[i].kind === 'ident' &&
      tokens[i].value.toLowerCase() === 'from'
    ) {
      from = i;
      break;
    }
  }
  const objectToken = tokens[from + 1];
  if (from < 0 || !objectToken || objectToken.kind !== 'ident') return refs;
  const objectName = objectToken.value;
  if (parentObject) {
    refs.push({
      kind: 'child',
      object: parentObject,
      path: objectName,
      offset: baseOffset + objectToken.offset
    });
  } else {
    refs.push({
      kind: 'object',
      object: objectName,
      path: objectName,
      offset: baseOffset + objectToken.offset
    });
  }
  const fieldObject = parentObject ? `child:${parentObject}:${objectName}` : objectName;

  const addField = (token: Token): void => {
    refs.push({
      kind: 'field',
      object: fieldObject,
      path: token.value,
      offset: baseOffset + token.offset
    });
  };

  // The select list.
  for (let i = select + 1; i < from; i++) {
    const token = tokens[i];
    if (token.value === '(') {
      const close = matchingParen(tokens, i);
      const inner = tokens.slice(i + 1, close);
      refs.push(...extractSoqlReferences(inner, baseOffset, objectName));
      i = close;
    } else if (token.kind === 'ident' && token.value.toLowerCase() === 'typeof') {
      while (i < from && tokens[i].value.toLowerCase() !== 'end') i++;
    } else if (token.kind === 'ident' && tokens[i + 1]?.value === '(') {
      // An aggregate or function (COUNT, MAX, toLabel, FORMAT…): its arguments are fields.
      const close = matchingParen(tokens, i + 1);
      for (let k = i + 2; k < close; k++) {
        if (tokens[k].kind === 'ident' && !isKeyword(tokens[k])) addField(tokens[k]);
      }
      i = close;
    } else if (token.kind === 'ident' && !isKeyword(token)) {
      const previous = tokens[i - 1];
      const isAlias =
        previous && previous.kind === 'ident' && previous.value.toLowerCase() !== 'select';
      const afterFunction = previous?.value === ')';
      if (!isAlias && !afterFunction) addField(token);
    }
  }

  // Everything after FROM: filters, ordering, grouping; semi-joins are separate queries.
  let skipNext = 0;
  for (let i = from + 2; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.value === '(' && tokens[i + 1]?.value.toLowerCase() === 'select') {
      const close = matchingParen(tokens, i);
      refs.push(...extractSoqlReferences(tokens.slice(i + 1, close), baseOffset));
      i = close;
      continue;
    }
    if (token.kind !== 'ident') continue;
    const lower = token.value.toLowerCase();
    if (skipNext > 0) {
      skipNext--;
      continue;
    }
    if (lower === 'with' || lower === 'for' || lower === 'nulls') {
      skipNext = lower === 'with' && tokens[i + 1]?.value.toLowerCase() === 'data' ? 2 : 1;
      continue;
    }
    if (lower === 'scope') {
      skipNext = 1;
      continue;
    }
    if (isKeyword(token) || tokens[i + 1]?.value === '(') continue;
    addField(token);
  }
  return refs;
}

/**
 * Resolves a dotted field path (`Account.Owner.Name`, `Run__r.Status__c`) from an object.
 *
 * @returns undefined when it resolves, otherwise what is wrong
 */
export function resolveFieldPath(
  index: SchemaIndex,
  objectName: string,
  fieldPath: string
): string | undefined {
  const parts = fieldPath.split('.');
  let current = index.objects.get(objectName.toLowerCase());
  if (!current) return `unknown object ${objectName}`;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (p === parts.length - 1) {
      if (current.fields.has(part.toLowerCase())) return undefined;
      return `no field ${part} on ${current.name}`;
    }
    const lower = part.toLowerCase();
    const lookup = [...current.fields.values()].find((field) =>
      lower.endsWith('__r')
        ? field.name.toLowerCase() === `${lower.slice(0, -3)}__c` && field.referenceTo
        : field.relationshipName?.toLowerCase() === lower && !field.name.endsWith('__c')
    );
    if (!lookup?.referenceTo) return `no relationship ${part} on ${current.name}`;
    const next = index.objects.get(lookup.referenceTo.toLowerCase());
    if (!next) return undefined; // target outside the declared schema: nothing more to check
    current = next;
  }
  return undefined;
}
