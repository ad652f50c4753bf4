/**
 * Builds `external-ids.md`: every field marked External ID in the project, with its uniqueness and
 * whether it is the sync key an `Integration_Object__mdt` record registers.
 *
 * @module
 */
import { compareText, type FieldMetadata, type MetadataModel } from '../lib/metadata-model.js';
import { type IntegrationConfig } from './integration-config.js';
import { GENERATED_NOTICE, cell, code, document, table } from './markdown.js';

/**
 * Describes a field's type with its size, e.g. `Text(255)`, `Number(18, 0)`, `Email`.
 *
 * @param field - the field
 * @returns the type text (`—` when the metadata has no type)
 */
export function typeWithSize(field: FieldMetadata): string {
  const type = field.type ?? '—';
  if (field.length !== undefined) {
    return `${type}(${field.length})`;
  }
  if (field.precision !== undefined) {
    return `${type}(${field.precision}, ${field.scale ?? 0})`;
  }
  return type;
}

/**
 * Builds the external-ID inventory.
 *
 * @param model - the loaded project metadata
 * @param config - the validated integration configuration
 * @returns the Markdown document (before prettier)
 */
export function renderExternalIds(model: MetadataModel, config: IntegrationConfig): string {
  const syncKeys = new Map(
    config.objects.flatMap((o) =>
      o.externalIdField === undefined
        ? []
        : [[`${o.objectApiName}.${o.externalIdField}`.toLowerCase(), o] as const]
    )
  );
  const fields = [...model.objects.values()]
    .flatMap((object) => [...object.fields.values()])
    .filter((field) => field.externalId)
    .sort(
      (a, b) => compareText(a.objectApiName, b.objectApiName) || compareText(a.apiName, b.apiName)
    );
  const listed = new Set<string>();
  const rows = fields.map((field) => {
    const key = `${field.objectApiName}.${field.apiName}`.toLowerCase();
    const syncFor = syncKeys.get(key);
    listed.add(key);
    return [
      cell(field.objectApiName),
      code(field.apiName),
      cell(field.label ?? field.apiName),
      cell(typeWithSize(field)),
      field.unique ? 'yes' : 'no',
      field.unique ? (field.caseSensitive ? 'yes' : 'no') : '—',
      syncFor === undefined ? '' : syncFor.enabled ? '**yes**' : '**yes** (sync disabled)'
    ];
  });

  const blocks = [
    '# External IDs',
    GENERATED_NOTICE,
    'Every field marked External ID in the project. **Sync key** marks the field an `Integration_Object__mdt` record registers as `External_ID_Field__c`: inbound upserts match on it and outbound events and change events carry it, so external systems always receive the key they join on.'
  ];
  blocks.push(
    rows.length === 0
      ? '_No External ID fields._'
      : table(['Object', 'Field', 'Label', 'Type', 'Unique', 'Case-sensitive', 'Sync key'], rows)
  );

  const otherKeys = config.objects.filter(
    (o) =>
      o.externalIdField !== undefined &&
      !listed.has(`${o.objectApiName}.${o.externalIdField}`.toLowerCase())
  );
  if (otherKeys.length > 0) {
    blocks.push(
      '## Sync keys on standard fields',
      table(
        ['Object', 'Field'],
        otherKeys.map((o) => [cell(o.objectApiName), code(o.externalIdField!)])
      )
    );
  }
  const withoutKey = config.objects.filter((o) => o.externalIdField === undefined);
  if (withoutKey.length > 0) {
    blocks.push(
      '## Integration objects without a sync key',
      withoutKey.map((o) => `- ${cell(o.objectApiName)}`).join('\n')
    );
  }
  return document(blocks);
}
