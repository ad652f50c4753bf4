/**
 * Builds `field-ownership.md`: one table per integration object of its `Field_Ownership__mdt`
 * records.
 *
 * @module
 */
import {
  flowOf,
  type FieldOwnership,
  type IntegrationConfig,
  type IntegrationObject,
  type SystemName
} from './integration-config.js';
import { GENERATED_NOTICE, cell, code, document, table } from './markdown.js';

/** Counts of the enabled ownership records of one object, by owner, plus the disabled ones. */
export interface OwnershipCounts {
  /** Enabled records per owning system. */
  readonly byOwner: Readonly<Record<SystemName, number>>;
  /** Disabled records (any owner). */
  readonly disabled: number;
}

/**
 * Returns the ownership records of one integration object, in field API name order.
 *
 * @param config - the validated configuration
 * @param object - the integration object
 * @returns its records
 */
export function ownershipOf(
  config: IntegrationConfig,
  object: IntegrationObject
): FieldOwnership[] {
  return config.ownership.filter((o) => o.objectApiName === object.objectApiName);
}

/**
 * Counts the ownership records of one integration object.
 *
 * @param config - the validated configuration
 * @param object - the integration object
 * @returns enabled records per owner and the number of disabled records
 */
export function countOwnership(
  config: IntegrationConfig,
  object: IntegrationObject
): OwnershipCounts {
  const byOwner: Record<SystemName, number> = { Salesforce: 0, ERP: 0, Marketing: 0 };
  let disabled = 0;
  for (const record of ownershipOf(config, object)) {
    if (record.enabled) {
      byOwner[record.owner] += 1;
    } else {
      disabled += 1;
    }
  }
  return { byOwner, disabled };
}

/**
 * Builds the field ownership matrix.
 *
 * @param config - the validated configuration
 * @returns the Markdown document (before prettier)
 */
export function renderFieldOwnership(config: IntegrationConfig): string {
  const blocks = [
    '# Field ownership',
    GENERATED_NOTICE,
    'Every synced field has exactly one owner (`Field_Ownership__mdt`). Inbound writes touch only the fields the sender owns; outbound events carry only Salesforce-owned fields, under their canonical names. Objects appear in `Integration_Object__mdt` sort order. Standard fields the project does not extend show their API name as label.'
  ];
  for (const object of config.objects) {
    blocks.push(`## ${object.objectApiName}`, objectSummary(object));
    const records = ownershipOf(config, object);
    if (records.length === 0) {
      blocks.push('_No field ownership records._');
      continue;
    }
    blocks.push(
      table(
        ['Field', 'Label', 'Owner', 'Canonical name', 'Direction', 'Status'],
        records.map((record) => [
          code(record.fieldApiName),
          cell(fieldLabel(record)),
          cell(record.owner),
          code(record.canonicalName),
          cell(flowOf(record.owner, object)),
          record.enabled ? 'enabled' : '**disabled**'
        ])
      )
    );
  }
  return document(blocks);
}

/**
 * One line describing an integration object: counterpart, direction, canonical name, sync key.
 *
 * @param object - the integration object
 * @returns a Markdown paragraph
 */
export function objectSummary(object: IntegrationObject): string {
  const parts = [
    `Counterpart: ${cell(object.counterpartSystems.join(' and '))}`,
    `direction: ${cell(object.direction)}`,
    `canonical name: ${object.canonicalName === undefined ? '—' : code(object.canonicalName)}`,
    `sync key: ${object.externalIdField === undefined ? '—' : code(object.externalIdField)}`
  ];
  const status = object.enabled ? '' : ' **Sync disabled** for this object.';
  return `${parts.join(' · ')}.${status}`;
}

function fieldLabel(record: FieldOwnership): string {
  const label = record.field?.label;
  return label === undefined || label === '' ? record.fieldApiName : label;
}
