/**
 * The quote → order → ERP lifecycle (DESIGN.md, "Quote → order → ERP lifecycle") as a typed
 * transition model, its cross-check against the `Order.ERP_Status__c` picklist, and the
 * `order-lifecycle.md` document built from it.
 *
 * The model is the single place the lifecycle is written down: the diagram and the state table
 * are rendered from it, and generation fails when the picklist and the model disagree, so neither
 * can drift from the other unnoticed.
 *
 * @module
 */
import { findField, type MetadataModel } from '../lib/metadata-model.js';
import { type Problem } from './integration-config.js';
import { GENERATED_NOTICE, cell, code, document, mermaid, prose, table } from './markdown.js';

/** Identifier of a lifecycle state (also its Mermaid state id). */
export type LifecycleStateId =
  | 'DraftQuote'
  | 'ApprovedQuote'
  | 'DraftOrder'
  | 'Submitted'
  | 'Acknowledged'
  | 'Rejected'
  | 'Released'
  | 'PartiallyShipped'
  | 'Shipped'
  | 'Invoiced'
  | 'Cancelled'
  | 'Returned';

/** `Order.Status` values the lifecycle uses; `null` while only a quote exists. */
export type OrderStatus = 'Draft' | 'Activated' | null;

/** One state of the lifecycle. */
export interface LifecycleState {
  /** Identifier, also the Mermaid state id. */
  readonly id: LifecycleStateId;
  /** Display name. */
  readonly name: string;
  /** The record that carries the state. */
  readonly record: 'Quote' | 'Order';
  /** The `Order.ERP_Status__c` value of the state; `null` for states before submission. */
  readonly erpStatus: string | null;
  /** `Order.Status` at this state. */
  readonly orderStatus: OrderStatus;
  /** What the state means and what the integration does in it (Markdown). */
  readonly meaning: string;
  /** Short remark shown beside the state in the diagram, if any. */
  readonly note?: string;
}

/** A transition between states; `'[*]'` is the start (as `from`) or an end (as `to`). */
export interface LifecycleTransition {
  /** Source state, or `'[*]'` for the start. */
  readonly from: LifecycleStateId | '[*]';
  /** Target state, or `'[*]'` for an end. */
  readonly to: LifecycleStateId | '[*]';
  /** Who causes the transition; `null` for the start and end pseudo-transitions. */
  readonly by: 'Salesforce' | 'ERP' | null;
  /**
   * What causes the transition (Markdown; empty for start/end). Salesforce-driven triggers label
   * the diagram arrow; ERP-driven ones are the status event and are left off the diagram.
   */
  readonly trigger: string;
  /** Extra explanation for the transition table, if any (Markdown). */
  readonly note?: string;
}

/** Project-relative path of this module, named in cross-check errors. */
export const LIFECYCLE_MODEL_FILE = 'scripts/docs/order-lifecycle.ts';

/** The states, in lifecycle order. */
export const LIFECYCLE_STATES: readonly LifecycleState[] = [
  {
    id: 'DraftQuote',
    name: 'Draft Quote',
    record: 'Quote',
    erpStatus: null,
    orderStatus: null,
    meaning: 'The quote is being prepared in Salesforce; no order exists yet.'
  },
  {
    id: 'ApprovedQuote',
    name: 'Approved Quote',
    record: 'Quote',
    erpStatus: null,
    orderStatus: null,
    meaning: 'The quote is approved and can become an order.'
  },
  {
    id: 'DraftOrder',
    name: 'Draft Order',
    record: 'Order',
    erpStatus: null,
    orderStatus: 'Draft',
    meaning:
      'The order and its items are created from the approved quote (standard pricebook entries first); lines can still be edited.'
  },
  {
    id: 'Submitted',
    name: 'Submitted',
    record: 'Order',
    erpStatus: 'Submitted',
    orderStatus: 'Draft',
    meaning:
      '`ERP_Order_Submitted__e` carries the canonical order (header and lines, SKU = `ProductCode`) with an idempotency key and correlation ID. The order stays Draft until the ERP confirms.',
    note: 'event out, order stays Draft'
  },
  {
    id: 'Acknowledged',
    name: 'Acknowledged',
    record: 'Order',
    erpStatus: 'Acknowledged',
    orderStatus: 'Activated',
    meaning:
      'The ERP confirmed the order: its ID is stored in `ERP_Order_ID__c`, then the order is activated. Activation is irreversible and locks the lines.',
    note: 'ERP order ID stored, order Activated'
  },
  {
    id: 'Rejected',
    name: 'Rejected',
    record: 'Order',
    erpStatus: 'Rejected',
    orderStatus: 'Draft',
    meaning:
      'The ERP refused the order; its error is shown on the order (`ERP_Error__c`), which stays Draft so it can be corrected and resubmitted.',
    note: 'stays Draft, error shown'
  },
  {
    id: 'Released',
    name: 'Released',
    record: 'Order',
    erpStatus: 'Released',
    orderStatus: 'Activated',
    meaning: 'The ERP released the order for fulfilment.'
  },
  {
    id: 'PartiallyShipped',
    name: 'Partially Shipped',
    record: 'Order',
    erpStatus: 'Partially Shipped',
    orderStatus: 'Activated',
    meaning: 'Some of the lines have shipped.'
  },
  {
    id: 'Shipped',
    name: 'Shipped',
    record: 'Order',
    erpStatus: 'Shipped',
    orderStatus: 'Activated',
    meaning: 'Every line has shipped.'
  },
  {
    id: 'Invoiced',
    name: 'Invoiced',
    record: 'Order',
    erpStatus: 'Invoiced',
    orderStatus: 'Activated',
    meaning: 'The ERP invoiced the order.'
  },
  {
    id: 'Cancelled',
    name: 'Cancelled',
    record: 'Order',
    erpStatus: 'Cancelled',
    orderStatus: 'Activated',
    meaning:
      'The ERP cancelled the order before shipment. The Salesforce order stays Activated (activation cannot be undone) and shows the ERP status.',
    note: 'order stays Activated'
  },
  {
    id: 'Returned',
    name: 'Returned',
    record: 'Order',
    erpStatus: 'Returned',
    orderStatus: 'Activated',
    meaning: 'The goods came back after shipment.'
  }
];

/** An ERP status update moving the order to `to`, which carries the ERP status. */
function erpUpdate(
  from: LifecycleStateId,
  to: LifecycleStateId,
  status: string,
  note?: string
): LifecycleTransition {
  return { from, to, by: 'ERP', trigger: `\`ERP_Order_Status__e\` ${status}`, note };
}

/** The transitions, in lifecycle order. */
export const LIFECYCLE_TRANSITIONS: readonly LifecycleTransition[] = [
  { from: '[*]', to: 'DraftQuote', by: null, trigger: '' },
  { from: 'DraftQuote', to: 'ApprovedQuote', by: 'Salesforce', trigger: 'quote approved' },
  {
    from: 'ApprovedQuote',
    to: 'DraftOrder',
    by: 'Salesforce',
    trigger: 'order created from quote',
    note: 'Order items are priced from standard pricebook entries first.'
  },
  {
    from: 'DraftOrder',
    to: 'Submitted',
    by: 'Salesforce',
    trigger: 'submit, `ERP_Order_Submitted__e`',
    note: 'The canonical order goes out as an event; the order is not activated.'
  },
  erpUpdate(
    'Submitted',
    'Acknowledged',
    'Acknowledged',
    'The ERP order ID is stored in `ERP_Order_ID__c`, then the order is activated. Never activate before this.'
  ),
  erpUpdate(
    'Submitted',
    'Rejected',
    'Rejected',
    'The ERP error is stored in `ERP_Error__c` for the user to fix.'
  ),
  {
    from: 'Rejected',
    to: 'Submitted',
    by: 'Salesforce',
    trigger: 'corrected and resubmitted',
    note: 'The order is still Draft, so its lines can be fixed before it is submitted again.'
  },
  erpUpdate('Acknowledged', 'Released', 'Released'),
  erpUpdate('Acknowledged', 'Cancelled', 'Cancelled'),
  erpUpdate('Released', 'PartiallyShipped', 'Partially Shipped'),
  erpUpdate('Released', 'Shipped', 'Shipped'),
  erpUpdate('Released', 'Cancelled', 'Cancelled'),
  erpUpdate('PartiallyShipped', 'Shipped', 'Shipped'),
  erpUpdate('Shipped', 'Invoiced', 'Invoiced'),
  erpUpdate('Shipped', 'Returned', 'Returned'),
  erpUpdate('Invoiced', 'Returned', 'Returned'),
  { from: 'Invoiced', to: '[*]', by: null, trigger: '' },
  { from: 'Cancelled', to: '[*]', by: null, trigger: '' },
  { from: 'Returned', to: '[*]', by: null, trigger: '' }
];

/** A direct change of `Order.ERP_Status__c`: a transition between two states that carry an ERP status. */
export interface ErpStatusTransition {
  /** The ERP status before, e.g. `Released`. */
  readonly from: string;
  /** The ERP status after, e.g. `Shipped`. */
  readonly to: string;
  /** Who causes it: the ERP (status updates and acknowledgements) or Salesforce (resubmission). */
  readonly by: 'Salesforce' | 'ERP';
}

/**
 * The direct changes of `Order.ERP_Status__c` in the model: its transitions whose both ends carry
 * an ERP status, in lifecycle order. This is what `OrderLifecycle.cls` must allow.
 *
 * @param states - the states (defaults to {@link LIFECYCLE_STATES})
 * @param transitions - the transitions (defaults to {@link LIFECYCLE_TRANSITIONS})
 * @returns e.g. `Submitted → Acknowledged (ERP)`, …, `Rejected → Submitted (Salesforce)`, …
 */
export function erpStatusTransitions(
  states: readonly LifecycleState[] = LIFECYCLE_STATES,
  transitions: readonly LifecycleTransition[] = LIFECYCLE_TRANSITIONS
): ErpStatusTransition[] {
  const status = new Map(states.map((s) => [s.id as string, s.erpStatus]));
  return transitions.flatMap((t) => {
    const from = status.get(t.from);
    const to = status.get(t.to);
    return from == null || to == null || t.by === null ? [] : [{ from, to, by: t.by }];
  });
}

/**
 * The ERP statuses the ERP reports (`ERP_Order_Status__e.Status__c`): the targets of the
 * ERP-driven transitions, in lifecycle order.
 *
 * @param states - the states (defaults to {@link LIFECYCLE_STATES})
 * @param transitions - the transitions (defaults to {@link LIFECYCLE_TRANSITIONS})
 * @returns `Acknowledged`, `Rejected`, `Released`, …
 */
export function erpReportedStatuses(
  states: readonly LifecycleState[] = LIFECYCLE_STATES,
  transitions: readonly LifecycleTransition[] = LIFECYCLE_TRANSITIONS
): string[] {
  const targets = new Set(
    erpStatusTransitions(states, transitions)
      .filter((t) => t.by === 'ERP')
      .map((t) => t.to)
  );
  return states.flatMap((s) =>
    s.erpStatus !== null && targets.has(s.erpStatus) ? [s.erpStatus] : []
  );
}

/**
 * The ERP statuses an order may move to from a status through ERP status updates: every status
 * reachable along the ERP-driven transitions, directly or through statuses that arrived late or
 * never (ADR 9: a late intermediate status never blocks a later one). Salesforce's resubmission
 * (`Rejected → Submitted`) is not an ERP update and is not followed.
 *
 * @param from - the current ERP status, e.g. `Released`
 * @param states - the states (defaults to {@link LIFECYCLE_STATES})
 * @param transitions - the transitions (defaults to {@link LIFECYCLE_TRANSITIONS})
 * @returns the reachable statuses in lifecycle order (without `from` itself)
 */
export function reachableErpStatuses(
  from: string,
  states: readonly LifecycleState[] = LIFECYCLE_STATES,
  transitions: readonly LifecycleTransition[] = LIFECYCLE_TRANSITIONS
): string[] {
  const edges = erpStatusTransitions(states, transitions).filter((t) => t.by === 'ERP');
  const reached = new Set<string>();
  const queue = [from];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const edge of edges) {
      if (edge.from === current && !reached.has(edge.to)) {
        reached.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return states.flatMap((s) =>
    s.erpStatus !== null && s.erpStatus !== from && reached.has(s.erpStatus) ? [s.erpStatus] : []
  );
}

/** Project-relative path of the Apex class that enforces the lifecycle (ADR 5, ADR 9). */
export const APEX_LIFECYCLE_PATH = 'force-app/main/default/classes/orders/OrderLifecycle.cls';

/** The lifecycle as `OrderLifecycle.cls` declares it. */
export interface ApexLifecycle {
  /** The class's `static final String` constants, name → value, in declaration order. */
  readonly constants: ReadonlyMap<string, string>;
  /** Name of the direct-transition map `nextStatuses` reads. */
  readonly mapName: string;
  /** The map's transitions (from → to values), in declaration order. */
  readonly transitions: readonly { readonly from: string; readonly to: string }[];
}

/**
 * Reads the direct-transition map out of `OrderLifecycle.cls`: a `Map<String, Set<String>>` (or
 * `List<String>` values) filled in its initializer (`KEY => new Set<String>{ A, B }`) and/or with
 * `NAME.put(KEY, new Set<String>{ … })`. Keys and items may be the class's `static final String`
 * constants or string literals; comments are ignored. When the class declares several such maps,
 * the one the `nextStatuses` method names is taken.
 *
 * @param source - the Apex source
 * @returns the constants, the map's name and its transitions
 * @throws Error naming what is missing or cannot be read
 */
export function parseApexLifecycle(source: string): ApexLifecycle {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
  const constants = new Map<string, string>();
  for (const m of code.matchAll(
    /\bstatic\s+final\s+String\s+(\w+)\s*=\s*'((?:[^'\\]|\\.)*)'\s*;/gi
  )) {
    constants.set(m[1], m[2]);
  }
  const byLowerName = new Map([...constants].map(([name, value]) => [name.toLowerCase(), value]));
  const resolve = (item: string, where: string): string => {
    const literal = /^'((?:[^'\\]|\\.)*)'$/.exec(item);
    if (literal) {
      return literal[1];
    }
    const value = byLowerName.get(item.toLowerCase());
    if (value === undefined) {
      throw new Error(`${where}: ${item} is not a String constant of the class`);
    }
    return value;
  };

  const declaration =
    /\bMap\s*<\s*String\s*,\s*(?:Set|List)\s*<\s*String\s*>\s*>\s+(\w+)\s*(=|;)/gi;
  const maps = new Map<string, { name: string; initializer?: string }>();
  for (const m of code.matchAll(declaration)) {
    const after = m.index + m[0].length;
    let initializer: string | undefined;
    if (m[2] === '=') {
      const open = code.indexOf('{', after);
      const end = code.indexOf(';', after);
      if (open >= 0 && (end < 0 || open < end)) {
        initializer = balanced(code, open);
      }
    }
    maps.set(m[1].toLowerCase(), { name: m[1], initializer });
  }
  if (maps.size === 0) {
    throw new Error('no Map<String, Set<String>> of direct transitions');
  }
  const next = /\bnextStatuses\s*\([^)]*\)\s*\{/i.exec(code);
  if (!next) {
    throw new Error('no nextStatuses method');
  }
  const body = balanced(code, next.index + next[0].length - 1);
  const named = [...maps.keys()].filter((name) => new RegExp(`\\b${name}\\b`, 'i').test(body));
  let mapKey: string;
  if (named.length === 1) {
    mapKey = named[0];
  } else if (named.length === 0 && maps.size === 1) {
    mapKey = [...maps.keys()][0];
  } else {
    throw new Error(
      `cannot tell which map nextStatuses reads (${named.length === 0 ? 'it names none of' : 'it names several of'} ${[...maps.keys()].join(', ')})`
    );
  }
  const mapName = maps.get(mapKey)!.name;

  const transitions: { from: string; to: string }[] = [];
  const addEntry = (key: string, value: string, where: string): void => {
    const from = resolve(key.trim(), where);
    const open = value.indexOf('{');
    const items =
      open < 0 ? [] : splitTopLevel(balanced(value, open)).filter((item) => item !== '');
    for (const item of items) {
      transitions.push({ from, to: resolve(item, where) });
    }
  };
  const initializer = maps.get(mapKey)!.initializer;
  for (const entry of splitTopLevel(initializer ?? '')) {
    if (entry === '') {
      continue;
    }
    const arrow = entry.indexOf('=>');
    if (arrow < 0) {
      throw new Error(`${mapName}: cannot read the entry "${entry}"`);
    }
    addEntry(entry.slice(0, arrow), entry.slice(arrow + 2), mapName);
  }
  for (const m of code.matchAll(new RegExp(`\\b${mapName}\\s*\\.\\s*put\\s*\\(`, 'gi'))) {
    const args = splitTopLevel(balanced(code, m.index + m[0].length - 1));
    if (args.length !== 2) {
      throw new Error(`${mapName}.put: cannot read "${args.join(', ')}"`);
    }
    addEntry(args[0], args[1], `${mapName}.put`);
  }
  if (transitions.length === 0) {
    throw new Error(`${mapName} holds no transition`);
  }
  return { constants, mapName, transitions };
}

/** The text between the bracket at `open` and its partner (exclusive). */
function balanced(text: string, open: number): string {
  const pairs: Record<string, string> = { '{': '}', '(': ')' };
  const closer = pairs[text[open]];
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === text[open]) {
      depth += 1;
    } else if (text[i] === closer) {
      depth -= 1;
      if (depth === 0) {
        return text.slice(open + 1, i);
      }
    } else if (text[i] === "'") {
      i = text.indexOf("'", i + 1);
      if (i < 0) {
        break;
      }
    }
  }
  throw new Error(`unbalanced ${text[open]} at "${text.slice(open, open + 40)}"`);
}

/** Splits at the commas outside any bracket, trimming each part. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '{' || c === '(' || c === '<') {
      depth += 1;
    } else if (c === '}' || c === ')' || (c === '>' && text[i - 1] !== '=')) {
      depth -= 1;
    } else if (c === "'") {
      i = Math.max(text.indexOf("'", i + 1), i);
    } else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/**
 * Compares the direct transitions of `OrderLifecycle.cls` with the model's direct changes of
 * `Order.ERP_Status__c` ({@link erpStatusTransitions}), and its status constants with the model's
 * ERP statuses.
 *
 * @param apex - from {@link parseApexLifecycle}
 * @param states - the states (defaults to {@link LIFECYCLE_STATES})
 * @param transitions - the transitions (defaults to {@link LIFECYCLE_TRANSITIONS})
 * @returns one line per difference; empty when they agree
 */
export function compareLifecycleWithApex(
  apex: ApexLifecycle,
  states: readonly LifecycleState[] = LIFECYCLE_STATES,
  transitions: readonly LifecycleTransition[] = LIFECYCLE_TRANSITIONS
): string[] {
  const differences: string[] = [];
  const statuses = states.flatMap((s) => (s.erpStatus === null ? [] : [s.erpStatus]));
  const constantValues = new Set(apex.constants.values());
  for (const status of statuses) {
    if (!constantValues.has(status)) {
      differences.push(`no String constant of OrderLifecycle.cls has the value '${status}'`);
    }
  }
  const known = new Set(statuses);
  const seenUnknown = new Set<string>();
  for (const t of apex.transitions) {
    for (const status of [t.from, t.to]) {
      if (!known.has(status) && !seenUnknown.has(status)) {
        seenUnknown.add(status);
        differences.push(
          `${apex.mapName} names '${status}', which is not an ERP status of ${LIFECYCLE_MODEL_FILE}`
        );
      }
    }
  }
  const arrow = (t: { from: string; to: string }): string => `${t.from} → ${t.to}`;
  const modelled = erpStatusTransitions(states, transitions).map(arrow);
  const declared = apex.transitions.map(arrow);
  for (const t of modelled) {
    if (!declared.includes(t)) {
      differences.push(`${apex.mapName} lacks ${t}, a transition of ${LIFECYCLE_MODEL_FILE}`);
    }
  }
  for (const t of new Set(declared)) {
    if (!modelled.includes(t)) {
      differences.push(`${apex.mapName} allows ${t}, which ${LIFECYCLE_MODEL_FILE} does not`);
    }
  }
  return differences;
}

/** Where the cross-check looks for the ERP status picklist. */
export const ERP_STATUS_FIELD = { object: 'Order', field: 'ERP_Status__c' } as const;

/**
 * Cross-checks a lifecycle model against the `Order.ERP_Status__c` picklist: every picklist value
 * must be the `erpStatus` of a state, and every state's `erpStatus` must be a picklist value.
 *
 * @param model - the loaded project metadata
 * @param states - the lifecycle states (defaults to {@link LIFECYCLE_STATES})
 * @returns the problems found, each naming the value and the file (empty when consistent)
 */
export function checkLifecycleAgainstMetadata(
  model: MetadataModel,
  states: readonly LifecycleState[] = LIFECYCLE_STATES
): Problem[] {
  const { object, field: fieldName } = ERP_STATUS_FIELD;
  const field = findField(model, object, fieldName);
  if (field === undefined) {
    const expected = `${model.packageDirectories[0]}/main/default/objects/${object}/fields/${fieldName}.field-meta.xml`;
    return [
      {
        filePath: expected,
        message: `${object}.${fieldName} has no field metadata; the order lifecycle (${LIFECYCLE_MODEL_FILE}) is checked against its picklist values`
      }
    ];
  }
  if (field.picklistValues.length === 0) {
    const why =
      field.valueSetName === undefined
        ? `is a ${field.type ?? 'field'} without picklist values`
        : `uses the global value set ${field.valueSetName}, which the lifecycle check does not read`;
    return [{ filePath: field.filePath, message: `${object}.${fieldName} ${why}` }];
  }
  const problems: Problem[] = [];
  const picklist = new Set(field.picklistValues.map((v) => v.fullName));
  const modelled = new Set(states.flatMap((s) => (s.erpStatus === null ? [] : [s.erpStatus])));
  for (const value of picklist) {
    if (!modelled.has(value)) {
      problems.push({
        filePath: field.filePath,
        message: `${object}.${fieldName} value "${value}" is not a state of the order lifecycle in ${LIFECYCLE_MODEL_FILE}`
      });
    }
  }
  for (const value of modelled) {
    if (!picklist.has(value)) {
      problems.push({
        filePath: LIFECYCLE_MODEL_FILE,
        message: `lifecycle state "${value}" is not a value of the ${object}.${fieldName} picklist in ${field.filePath}`
      });
    }
  }
  return problems;
}

/**
 * Renders the lifecycle as Mermaid `stateDiagram-v2` source. Arrows of Salesforce-driven transitions
 * carry their trigger; ERP-driven arrows are unlabelled (the target state names the ERP status).
 *
 * @param states - the states
 * @param transitions - the transitions
 * @returns the diagram lines (without the fence)
 */
export function lifecycleDiagram(
  states: readonly LifecycleState[] = LIFECYCLE_STATES,
  transitions: readonly LifecycleTransition[] = LIFECYCLE_TRANSITIONS
): string[] {
  const lines = ['stateDiagram-v2'];
  for (const state of states) {
    lines.push(`  state "${state.name}" as ${state.id}`);
  }
  for (const transition of transitions) {
    const labelled = transition.by === 'Salesforce' && transition.trigger !== '';
    const label = labelled ? ` : ${mermaidText(transition.trigger)}` : '';
    lines.push(`  ${transition.from} --> ${transition.to}${label}`);
  }
  for (const state of states) {
    if (state.note !== undefined) {
      lines.push(`  note right of ${state.id} : ${mermaidText(state.note)}`);
    }
  }
  return lines;
}

/**
 * Builds `order-lifecycle.md`: the diagram, the state table and the transition table.
 *
 * @param states - the states (defaults to the model)
 * @param transitions - the transitions (defaults to the model)
 * @returns the Markdown document (before prettier)
 */
export function renderOrderLifecycle(
  states: readonly LifecycleState[] = LIFECYCLE_STATES,
  transitions: readonly LifecycleTransition[] = LIFECYCLE_TRANSITIONS
): string {
  const names = new Map<string, string>(states.map((s) => [s.id, s.name]));
  const nameOf = (id: string): string => (id === '[*]' ? '(start / end)' : (names.get(id) ?? id));
  const stateRows = states.map((s) => [
    cell(s.name),
    cell(s.record),
    s.erpStatus === null ? '—' : code(s.erpStatus),
    s.orderStatus === null ? '— (no order yet)' : cell(s.orderStatus),
    prose(s.meaning)
  ]);
  const transitionRows = transitions
    .filter((t) => t.from !== '[*]' && t.to !== '[*]')
    .map((t) => [
      cell(nameOf(t.from)),
      cell(nameOf(t.to)),
      cell(t.by ?? ''),
      prose(t.trigger),
      prose(t.note ?? '')
    ]);
  return document([
    '# Quote → order → ERP lifecycle',
    GENERATED_NOTICE,
    `The lifecycle model lives in \`${LIFECYCLE_MODEL_FILE}\`. Generation fails when its ERP states and the values of the \`Order.ERP_Status__c\` picklist differ.`,
    'Activation is irreversible and locks most order fields: an order is activated only after the ERP acknowledges it, and the lines of an activated order are never edited. Status updates arrive on `ERP_Order_Status__e` with a sequence number (`ERP_Status_Sequence__c`); only an update with a higher sequence than the stored one moves the status, along the transitions below; older ones are kept in the status history (`Order_Status_History__c`) only.',
    'In the diagram, unlabelled arrows are ERP status updates (`ERP_Order_Status__e` carrying the status of the state the arrow points to); labelled arrows are Salesforce actions.',
    mermaid(lifecycleDiagram(states, transitions)),
    '## States',
    table(['State', 'Record', 'ERP_Status__c', 'Order.Status', 'Meaning'], stateRows),
    '## Transitions',
    table(['From', 'To', 'By', 'Trigger', 'Notes'], transitionRows)
  ]);
}

/** Keeps diagram text clear of characters Mermaid reads as syntax. */
function mermaidText(value: string): string {
  return value
    .replace(/[:;#"{}`]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
