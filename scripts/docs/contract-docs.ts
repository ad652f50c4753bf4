/**
 * What the contract documents (`records-api.md`, `record-changed-event.md`, `marketing-api.md`,
 * `orders-api.md`) share: the validated contract fixtures and schemas they are built from, and the Markdown for
 * type tables and embedded fixtures.
 *
 * @module
 */
import {
  CONTRACT_FIXTURES,
  MARKETING_TYPES_FILE,
  MARKETING_TYPES_PATH,
  ORDER_TYPES_FILE,
  ORDER_TYPES_PATH,
  checkContractFixtures,
  checkMarketingFixtures,
  checkOrderFixtures,
  fieldsByCanonicalName,
  generateContractSchema,
  jsonTypeOf,
  keyFieldCanonicalName,
  schemaDescription,
  schemaFields,
  ContractValidator,
  type FixtureRole,
  type JsonSchema,
  type LoadedFixture,
  type MarketingFixtureRole,
  type OrderFixtureRole
} from '../lib/contract.js';
import { findField, type MetadataModel } from '../lib/metadata-model.js';
import {
  type FieldOwnership,
  type IntegrationConfig,
  type IntegrationObject,
  type Problem
} from './integration-config.js';
import { cell, code, prose, table } from './markdown.js';

/** The validated inputs of the contract documents. */
export interface ContractDocsInput {
  /** JSON Schema of `types/contract/record-sync.ts`. */
  readonly schema: JsonSchema;
  /** The four fixtures, each valid against its type and consistent with the metadata. */
  readonly fixtures: Readonly<Record<FixtureRole, LoadedFixture>>;
}

/**
 * Reads and checks the contract fixtures of a project for the docs.
 *
 * @param model - the loaded project metadata
 * @param config - the validated integration configuration
 * @returns `input` when the project has valid fixtures; `undefined` input and no problems when it
 *   has none (it does not publish the contract); problems (and no input) when they are invalid
 */
export function readContractDocsInput(
  model: MetadataModel,
  config: IntegrationConfig
): { input?: ContractDocsInput; problems: readonly Problem[] } {
  const schema = generateContractSchema();
  const { fixtures, problems } = checkContractFixtures(
    model,
    config,
    new ContractValidator(schema)
  );
  if (fixtures.length === 0 || problems.length > 0) {
    return { problems };
  }
  const byRole = Object.fromEntries(fixtures.map((f) => [f.role, f])) as Record<
    FixtureRole,
    LoadedFixture
  >;
  return { input: { schema, fixtures: byRole }, problems: [] };
}

/** The validated inputs of the marketing contract document. */
export interface MarketingDocsInput {
  /** JSON Schema of `types/contract/marketing.ts` (with the shared types it uses). */
  readonly schema: JsonSchema;
  /** JSON Schema of `types/contract/record-sync.ts`, for the shared `ErrorResponse`. */
  readonly recordSyncSchema: JsonSchema;
  /** The five fixtures, each valid against its type and consistent with the metadata. */
  readonly fixtures: Readonly<Record<MarketingFixtureRole, LoadedFixture>>;
}

/**
 * Reads and checks the marketing contract fixtures of a project for the docs.
 *
 * @param model - the loaded project metadata
 * @param config - the validated integration configuration
 * @returns `input` when the project has valid marketing fixtures; neither input nor problems when
 *   it has none; problems (and no input) when they are invalid
 */
export function readMarketingDocsInput(
  model: MetadataModel,
  config: IntegrationConfig
): { input?: MarketingDocsInput; problems: readonly Problem[] } {
  const schema = generateContractSchema(MARKETING_TYPES_FILE);
  const { fixtures, problems } = checkMarketingFixtures(
    model,
    config,
    new ContractValidator(schema, MARKETING_TYPES_PATH)
  );
  if (fixtures.length === 0 || problems.length > 0) {
    return { problems };
  }
  const byRole = Object.fromEntries(fixtures.map((f) => [f.role, f])) as Record<
    MarketingFixtureRole,
    LoadedFixture
  >;
  return {
    input: { schema, recordSyncSchema: generateContractSchema(), fixtures: byRole },
    problems: []
  };
}

/** The validated inputs of the order contract document. */
export interface OrderDocsInput {
  /** JSON Schema of `types/contract/orders.ts` (with the shared types it uses). */
  readonly schema: JsonSchema;
  /** JSON Schema of `types/contract/record-sync.ts`, for the shared `ErrorResponse`. */
  readonly recordSyncSchema: JsonSchema;
  /** The four fixtures, each valid against its type and consistent with the others. */
  readonly fixtures: Readonly<Record<OrderFixtureRole, LoadedFixture>>;
}

/**
 * Reads and checks the order contract fixtures of a project for the docs.
 *
 * @param model - the loaded project metadata
 * @param config - the validated integration configuration
 * @returns `input` when the project has valid order fixtures; neither input nor problems when it
 *   has none; problems (and no input) when they are invalid
 */
export function readOrderDocsInput(
  model: MetadataModel,
  config: IntegrationConfig
): { input?: OrderDocsInput; problems: readonly Problem[] } {
  const schema = generateContractSchema(ORDER_TYPES_FILE);
  const { fixtures, problems } = checkOrderFixtures(
    model,
    config,
    new ContractValidator(schema, ORDER_TYPES_PATH)
  );
  if (fixtures.length === 0 || problems.length > 0) {
    return { problems };
  }
  const byRole = Object.fromEntries(fixtures.map((f) => [f.role, f])) as Record<
    OrderFixtureRole,
    LoadedFixture
  >;
  return {
    input: { schema, recordSyncSchema: generateContractSchema(), fixtures: byRole },
    problems: []
  };
}

/**
 * A table of the properties of one object type of the contract.
 *
 * @param schema - the contract schema
 * @param typeName - e.g. `RecordResult`
 * @returns a Markdown table: field, type, required, description
 */
export function typeTable(schema: JsonSchema, typeName: string): string {
  return table(
    ['Field', 'Type', 'Required', 'Description'],
    schemaFields(schema, typeName).map((field) => [
      code(field.name),
      code(field.type),
      field.required ? 'yes' : 'no',
      prose(field.description)
    ])
  );
}

/**
 * A section for one type: heading, its TSDoc description, and its property table.
 *
 * @param schema - the contract schema
 * @param typeName - e.g. `RecordResult`
 * @param level - heading level (2 or 3)
 * @param intro - optional sentence placed before the type's description
 * @returns the Markdown blocks
 */
export function typeSection(
  schema: JsonSchema,
  typeName: string,
  level: number,
  intro?: string
): string[] {
  const description = schemaDescription(schema, typeName);
  const text = [intro, description].filter((t) => t !== undefined && t !== '').join(' ');
  return [
    `${'#'.repeat(level)} ${typeName}`,
    ...(text === '' ? [] : [text]),
    typeTable(schema, typeName)
  ];
}

/**
 * Embeds a fixture verbatim as a JSON code block, naming its static resource.
 *
 * @param fixture - the fixture
 * @returns the Markdown blocks: the source line and the fenced JSON
 */
export function fixtureBlock(fixture: LoadedFixture): string[] {
  return [
    `Static resource ${code(fixture.name)} (${code(fixture.filePath)}), type ${code(fixture.typeName)}:`,
    ['```json', fixture.text.replace(/\s+$/, ''), '```'].join('\n')
  ];
}

/** The fixture names, for prose. */
export const FIXTURE_NAMES = Object.values(CONTRACT_FIXTURES).map((f) => f.name);

/** How an inbound API treats one object's fields, for `inboundFieldsTable`. */
export interface InboundFieldsOptions {
  /** The system whose writes the table describes, e.g. `ERP`. */
  readonly sender: string;
  /** Column headers for the create and update outcomes. */
  readonly createHeader?: string;
  readonly updateHeader?: string;
  /** Fields that are never applied from `fields`, not even as initial values of a new record. */
  readonly neverSeeded?: (ownership: FieldOwnership) => boolean;
}

/**
 * The table of an object's synced fields as an inbound API sees them: canonical name, field,
 * owner, JSON type, and what happens to the field on create and on update (the key is always
 * ignored, the sender's fields applied, other fields seeded on create and ignored on update).
 *
 * @param model - the loaded project metadata
 * @param config - the validated integration configuration
 * @param object - the object written
 * @param options - the sender and the variations of the API
 * @returns the Markdown table
 */
export function inboundFieldsTable(
  model: MetadataModel,
  config: IntegrationConfig,
  object: IntegrationObject,
  options: InboundFieldsOptions
): string {
  const keyField = keyFieldCanonicalName(config, object);
  const ignoredKey = 'ignored (`KEY_FIELD`)';
  const notOwned = 'ignored (`NOT_OWNED_BY_SENDER`)';
  return table(
    [
      'Canonical name',
      'Field',
      'Owner',
      'JSON type',
      options.createHeader ?? 'On create',
      options.updateHeader ?? 'On update'
    ],
    [...fieldsByCanonicalName(config, object).values()].map((ownership) => {
      const isKey = ownership.canonicalName === keyField;
      const owned = ownership.owner === options.sender;
      const onCreate = options.neverSeeded?.(ownership) ? notOwned : 'seeded';
      return [
        code(ownership.canonicalName),
        code(ownership.fieldApiName),
        cell(ownership.owner),
        cell(jsonTypeOf(findField(model, object.objectApiName, ownership.fieldApiName)) ?? '—'),
        isKey ? ignoredKey : owned ? 'applied' : onCreate,
        isKey ? ignoredKey : owned ? 'applied' : notOwned
      ];
    })
  );
}
