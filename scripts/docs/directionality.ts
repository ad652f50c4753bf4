/**
 * Builds `directionality.md`: a Mermaid flowchart of which data flows between ERP, Salesforce and
 * Marketing per integration object, labelled with the owned field counts, and a summary table.
 *
 * @module
 */
import {
  type ExternalSystem,
  type IntegrationConfig,
  type IntegrationObject
} from './integration-config.js';
import { GENERATED_NOTICE, cell, code, document, mermaid, table } from './markdown.js';
import { countOwnership } from './ownership.js';

/** The link between one integration object and one external system: one arrow of the diagram. */
export interface Flow {
  /** The integration object. */
  readonly object: IntegrationObject;
  /** The external system at the other end. */
  readonly system: ExternalSystem;
  /**
   * Enabled fields owned by `system` that flow into Salesforce; `undefined` when the object does
   * not sync inbound (`Outbound`).
   */
  readonly inbound?: number;
  /**
   * Enabled Salesforce-owned fields that flow out to `system`; `undefined` when the object does
   * not sync outbound (`Inbound`).
   */
  readonly outbound?: number;
}

/**
 * Lists the links of the configuration: one per integration object and counterpart system, with
 * the number of fields flowing in (the counterpart's fields, for `Inbound` and `Bidirectional`
 * objects) and out (Salesforce-owned fields, for `Outbound` and `Bidirectional` objects).
 *
 * @param config - the validated configuration
 * @returns the flows, in object order, ERP before Marketing
 */
export function flowsOf(config: IntegrationConfig): Flow[] {
  return config.objects.flatMap((object) => {
    const counts = countOwnership(config, object).byOwner;
    return object.counterpartSystems.map((system) => ({
      object,
      system,
      inbound: object.direction === 'Outbound' ? undefined : counts[system],
      outbound: object.direction === 'Inbound' ? undefined : counts.Salesforce
    }));
  });
}

/**
 * Renders the flowchart source: ERP and Marketing as systems, the integration objects inside a
 * Salesforce subgraph, one arrow per object and counterpart (double-headed when the object syncs
 * both ways) labelled `in N · out M`. ERP arrows are written ERP-first and Marketing arrows
 * Marketing-last, so the layout puts ERP on one side of Salesforce and Marketing on the other.
 *
 * @param config - the validated configuration
 * @returns the diagram lines (without the fence)
 */
export function directionalityDiagram(config: IntegrationConfig): string[] {
  const lines = ['flowchart LR', '  ERP[("ERP")]', '  Marketing[("Marketing")]'];
  lines.push('  subgraph Salesforce["Salesforce"]');
  for (const object of config.objects) {
    const details = [object.objectApiName];
    if (object.externalIdField !== undefined) {
      details.push(`key ${object.externalIdField}`);
    }
    if (!object.enabled) {
      details.push('sync disabled');
    }
    lines.push(`    ${nodeId(object)}["${details.map(mermaidText).join('<br/>')}"]`);
  }
  lines.push('  end');
  for (const flow of flowsOf(config)) {
    const label = [
      flow.inbound === undefined ? undefined : `in ${flow.inbound}`,
      flow.outbound === undefined ? undefined : `out ${flow.outbound}`
    ]
      .filter((part) => part !== undefined)
      .join(' · ');
    const line = flow.object.enabled ? '--' : '-.-';
    const both = flow.inbound !== undefined && flow.outbound !== undefined;
    const arrow = both ? `<${line}>` : `${line}>`;
    const node = nodeId(flow.object);
    // ERP arrows start at ERP whenever data flows in; Marketing arrows end at Marketing unless
    // data only flows in.
    const systemFirst = flow.inbound !== undefined && (flow.system === 'ERP' || !both);
    const [from, to] = systemFirst ? [flow.system, node] : [node, flow.system];
    lines.push(`  ${from} ${arrow}|"${label}"| ${to}`);
  }
  return lines;
}

/**
 * Builds the directionality document.
 *
 * @param config - the validated configuration
 * @returns the Markdown document (before prettier)
 */
export function renderDirectionality(config: IntegrationConfig): string {
  const rows = config.objects.map((object) => {
    const counts = countOwnership(config, object);
    return [
      cell(object.objectApiName),
      object.canonicalName === undefined ? '—' : code(object.canonicalName),
      cell(object.direction),
      cell(object.counterpart),
      cell(object.deliveryMode ?? '—'),
      object.externalIdField === undefined ? '—' : code(object.externalIdField),
      object.enabled ? 'yes' : '**no**',
      String(counts.byOwner.Salesforce),
      String(counts.byOwner.ERP),
      String(counts.byOwner.Marketing),
      String(counts.disabled)
    ];
  });
  return document([
    '# Integration directionality',
    GENERATED_NOTICE,
    'Which data flows between the ERP, Salesforce and the marketing platform, per object (`Integration_Object__mdt`). Each arrow joins an object to a counterpart system and points the way data flows (both ways for `Bidirectional` objects). Its label counts the enabled fields that travel (`Field_Ownership__mdt`): **in** counts the fields the counterpart owns, which it writes into Salesforce; **out** counts the Salesforce-owned fields sent to it. Dotted arrows belong to objects whose sync is disabled.',
    mermaid(directionalityDiagram(config)),
    '## Objects',
    table(
      [
        'Object',
        'Canonical name',
        'Direction',
        'Counterpart',
        'Delivery mode',
        'Sync key',
        'Enabled',
        'Salesforce-owned',
        'ERP-owned',
        'Marketing-owned',
        'Disabled fields'
      ],
      rows
    )
  ]);
}

function nodeId(object: IntegrationObject): string {
  return `obj_${object.objectApiName.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

function mermaidText(value: string): string {
  return value.replace(/["<>]/g, ' ').trim();
}
