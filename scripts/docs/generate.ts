/**
 * The integration docs generator: `npm run docs:generate` writes `docs/integration/` from the
 * metadata; `npm run docs:check` (`--check`) fails when those files are stale, missing or
 * unexpected.
 *
 * Usage: `tsx scripts/docs/generate.ts [--check] [--project-root <dir>]`
 *
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { MetadataLoadError, loadMetadataModel } from '../lib/metadata-model.js';
import {
  readContractDocsInput,
  readMarketingDocsInput,
  readOrderDocsInput
} from './contract-docs.js';
import { renderDirectionality } from './directionality.js';
import { renderExternalIds } from './external-ids.js';
import { DocsValidationError, readIntegrationConfig } from './integration-config.js';
import { checkMarketingMetadata, marketingWarnings, renderMarketingApi } from './marketing-api.js';
import { GENERATED_NOTICE, document, formatMarkdown } from './markdown.js';
import { checkLifecycleAgainstMetadata, renderOrderLifecycle } from './order-lifecycle.js';
import { checkInquiryMetadata, readInquiryDocsInput, renderInquiryApi } from './inquiry-api.js';
import { readOperationsDocsInput, renderOperationsApi } from './operations-api.js';
import { checkOrderMetadata, renderOrdersApi } from './orders-api.js';
import { renderFieldOwnership } from './ownership.js';
import { checkEventFields, renderRecordChangedEvent } from './record-changed-event.js';
import { renderRecordsApi } from './records-api.js';

/** Folder of the generated docs, relative to the project root. */
export const DOCS_DIR = 'docs/integration';

/** The command that regenerates the docs, quoted in messages. */
export const GENERATE_COMMAND = 'npm run docs:generate';

/** A generated document. */
export interface GeneratedDocument {
  /** Project-relative path with `/` separators, e.g. `docs/integration/README.md`. */
  readonly relativePath: string;
  /** The formatted content. */
  readonly content: string;
}

/** What {@link generateDocs} produces. */
export interface GenerationResult {
  /** The documents, sorted by path. */
  readonly documents: readonly GeneratedDocument[];
  /** Findings that did not stop generation. */
  readonly warnings: readonly string[];
}

/** How the files on disk differ from the generated documents. */
export interface DocsDiff {
  /** Documents whose file content differs. */
  readonly stale: readonly string[];
  /** Documents with no file. */
  readonly missing: readonly string[];
  /** `.md` files in the docs folder that the generator does not produce. */
  readonly extra: readonly string[];
}

/** Where `main` prints. */
export interface Output {
  /** Normal output, one line per call. */
  stdout(line: string): void;
  /** Errors and warnings, one line per call. */
  stderr(line: string): void;
}

const DOCUMENT_INDEX = [
  {
    file: 'field-ownership.md',
    title: 'Field ownership',
    summary: 'which system owns each synced field, its canonical name and where its data flows'
  },
  {
    file: 'external-ids.md',
    title: 'External IDs',
    summary: 'every External ID field, its uniqueness, and which one each object syncs on'
  },
  {
    file: 'directionality.md',
    title: 'Directionality',
    summary: 'a diagram of the data flows between ERP, Salesforce and Marketing per object'
  },
  {
    file: 'order-lifecycle.md',
    title: 'Order lifecycle',
    summary: 'the quote → order → ERP state machine, checked against `Order.ERP_Status__c`'
  },
  {
    file: 'records-api.md',
    title: 'Records API',
    summary:
      'the inbound `POST …/erp-bridge/v1/records/{object}` endpoint: headers, shapes, rules, error codes, the objects it writes and examples'
  },
  {
    file: 'record-changed-event.md',
    title: 'Record changed event',
    summary:
      'the outbound `ERP_Record_Changed__e` event: fields, when it is published, and which objects and fields it carries'
  },
  {
    file: 'marketing-api.md',
    title: 'Marketing API',
    summary:
      "the marketing platform's side: events to subscribe to (including `Marketing_Lead_Converted__e`), the leads, campaigns and campaign-members endpoints, re-keying on lead conversion, the fields Marketing owns and the stale-update guard"
  },
  {
    file: 'orders-api.md',
    title: 'Orders API',
    summary:
      'the order hand-off to the ERP: `ERP_Order_Submitted__e` with the canonical order, the `POST …/erp-bridge/v1/orders/acknowledgements` endpoint, `ERP_Order_Status__e` with its sequence rules, retries and dead letters, and examples'
  },
  {
    file: 'erp-operations-api.md',
    title: 'ERP operations API',
    summary:
      'what an ERP without middleware exposes: the direct-delivery endpoints (`POST …/erp-bridge/v1/changes/{object}`, `POST …/erp-bridge/v1/orders`) with headers, answer classes, retry schedule, de-duplication and replay, the reconciliation lookup and ID listing with the compared fields and the checksum, and examples'
  },
  {
    file: 'erp-inquiry-api.md',
    title: 'ERP inquiry API',
    summary:
      'the read-only ERP endpoints behind the credit, invoice and order-status panels (`GET …/erp-bridge/v1/accounts/{erpAccountId}/credit`, `…/invoices`, `GET …/erp-bridge/v1/orders/{erpOrderId}/status`): caching, refresh, circuit breaker and timeout from the settings, errors, the synced fallback values, the panel answers and examples'
  }
] as const;

/** The documents generated only for a project with the record-sync contract fixtures. */
const CONTRACT_DOCUMENTS: ReadonlySet<string> = new Set([
  'records-api.md',
  'record-changed-event.md'
]);

/** The documents generated only for a project with the marketing contract fixtures. */
const MARKETING_DOCUMENTS: ReadonlySet<string> = new Set(['marketing-api.md']);

/** The documents generated only for a project with the order contract fixtures. */
const ORDER_DOCUMENTS: ReadonlySet<string> = new Set(['orders-api.md']);

/** The documents generated only for a project with the operations contract fixtures. */
const OPERATIONS_DOCUMENTS: ReadonlySet<string> = new Set(['erp-operations-api.md']);

/** The documents generated only for a project with the ERP inquiry contract fixtures. */
const INQUIRY_DOCUMENTS: ReadonlySet<string> = new Set(['erp-inquiry-api.md']);

/**
 * Generates every document in memory from the project's metadata. The record-sync contract
 * documents (`records-api.md`, `record-changed-event.md`) are generated when the project has the
 * `ErpContract_Records*` / `ErpContract_RecordChangedEvent` fixtures (static resources),
 * `marketing-api.md` when it has the marketing ones, `orders-api.md` when it has the
 * `ErpContract_Order*` ones, `erp-operations-api.md` when it has the `ErpContract_Delivery*` /
 * `ErpContract_Reconciliation*` ones and `erp-inquiry-api.md` when it has the
 * `ErpContract_Inquiry*` ones; each set must then be valid.
 *
 * @param projectRoot - folder holding `sfdx-project.json`
 * @returns the formatted documents and any warnings
 * @throws MetadataLoadError when a metadata file cannot be read
 * @throws DocsValidationError listing every configuration, lifecycle or contract problem
 */
export async function generateDocs(projectRoot: string): Promise<GenerationResult> {
  const root = path.resolve(projectRoot);
  const model = loadMetadataModel(root);
  const lifecycleProblems = checkLifecycleAgainstMetadata(model);
  let config;
  try {
    config = readIntegrationConfig(model);
  } catch (error) {
    if (error instanceof DocsValidationError) {
      throw new DocsValidationError([...error.problems, ...lifecycleProblems]);
    }
    throw error;
  }
  const contract = readContractDocsInput(model, config);
  const eventProblems =
    contract.input === undefined ? [] : checkEventFields(model, contract.input.schema);
  const marketing = readMarketingDocsInput(model, config);
  const marketingProblems =
    marketing.input === undefined ? [] : checkMarketingMetadata(model, marketing.input, config);
  const orders = readOrderDocsInput(model, config);
  const orderProblems = orders.input === undefined ? [] : checkOrderMetadata(model, orders.input);
  const operations = readOperationsDocsInput(model, config);
  const inquiry = readInquiryDocsInput(model);
  const inquiryProblems = inquiry.input === undefined ? [] : checkInquiryMetadata(model);
  const problems = [
    ...lifecycleProblems,
    ...contract.problems,
    ...eventProblems,
    ...marketing.problems,
    ...marketingProblems,
    ...orders.problems,
    ...orderProblems,
    ...operations.problems,
    ...inquiry.problems,
    ...inquiryProblems
  ];
  if (problems.length > 0) {
    throw new DocsValidationError(problems);
  }
  const sources: Record<string, string> = {
    'README.md': renderIndex({
      contract: contract.input !== undefined,
      marketing: marketing.input !== undefined,
      orders: orders.input !== undefined,
      operations: operations.input !== undefined,
      inquiry: inquiry.input !== undefined
    }),
    'field-ownership.md': renderFieldOwnership(config),
    'external-ids.md': renderExternalIds(model, config),
    'directionality.md': renderDirectionality(config),
    'order-lifecycle.md': renderOrderLifecycle()
  };
  if (contract.input !== undefined) {
    sources['records-api.md'] = renderRecordsApi(contract.input, model, config);
    sources['record-changed-event.md'] = renderRecordChangedEvent(contract.input, model, config);
  }
  const warnings = [...config.warnings];
  if (marketing.input !== undefined) {
    sources['marketing-api.md'] = renderMarketingApi(
      marketing.input,
      model,
      config,
      contract.input !== undefined
    );
    warnings.push(...marketingWarnings(config));
  }
  if (orders.input !== undefined) {
    sources['orders-api.md'] = renderOrdersApi(
      orders.input,
      model,
      config,
      contract.input !== undefined
    );
  }
  if (operations.input !== undefined) {
    sources['erp-operations-api.md'] = renderOperationsApi(operations.input, model, config, {
      recordChangedEvent: contract.input !== undefined,
      ordersApi: orders.input !== undefined
    });
  }
  if (inquiry.input !== undefined) {
    sources['erp-inquiry-api.md'] = renderInquiryApi(inquiry.input, model, config);
  }
  const documents: GeneratedDocument[] = [];
  for (const name of Object.keys(sources).sort()) {
    const relativePath = `${DOCS_DIR}/${name}`;
    const content = await formatMarkdown(sources[name], path.join(root, relativePath));
    documents.push({ relativePath, content });
  }
  return { documents, warnings };
}

/**
 * Compares generated documents with the files on disk.
 *
 * @param projectRoot - the project root
 * @param documents - the generated documents
 * @returns stale, missing and extra files (project-relative, sorted)
 */
export function diffDocs(projectRoot: string, documents: readonly GeneratedDocument[]): DocsDiff {
  const stale: string[] = [];
  const missing: string[] = [];
  for (const doc of documents) {
    const file = path.join(projectRoot, doc.relativePath);
    if (!fs.existsSync(file)) {
      missing.push(doc.relativePath);
    } else if (fs.readFileSync(file, 'utf8') !== doc.content) {
      stale.push(doc.relativePath);
    }
  }
  return { stale, missing, extra: extraFiles(projectRoot, documents) };
}

/**
 * Writes the documents, leaving unchanged files untouched, and removes `.md` files in the docs
 * folder that the generator no longer produces.
 *
 * @param projectRoot - the project root
 * @param documents - the generated documents
 * @returns the project-relative paths written and removed
 */
export function writeDocs(
  projectRoot: string,
  documents: readonly GeneratedDocument[]
): { written: string[]; removed: string[] } {
  const written: string[] = [];
  fs.mkdirSync(path.join(projectRoot, DOCS_DIR), { recursive: true });
  for (const doc of documents) {
    const file = path.join(projectRoot, doc.relativePath);
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== doc.content) {
      fs.writeFileSync(file, doc.content);
      written.push(doc.relativePath);
    }
  }
  const removed = extraFiles(projectRoot, documents);
  for (const relativePath of removed) {
    fs.rmSync(path.join(projectRoot, relativePath));
  }
  return { written, removed };
}

/**
 * Command-line entry: generates (default) or checks (`--check`) the integration docs.
 *
 * @param argv - arguments after the script name
 * @param output - where to print (defaults to the console)
 * @returns the exit code: 0 success / current, 1 stale docs or invalid metadata, 2 bad usage
 */
export async function main(
  argv: readonly string[],
  output: Output = consoleOutput
): Promise<number> {
  let options: { check: boolean; root: string; help: boolean };
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        check: { type: 'boolean', default: false },
        'project-root': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false }
      },
      strict: true,
      allowPositionals: false
    });
    options = {
      check: values.check === true,
      root: path.resolve(values['project-root'] ?? process.cwd()),
      help: values.help === true
    };
  } catch (error) {
    output.stderr(`docs: ${(error as Error).message}`);
    output.stderr(USAGE);
    return 2;
  }
  if (options.help) {
    output.stdout(USAGE);
    return 0;
  }

  let result: GenerationResult;
  try {
    result = await generateDocs(options.root);
  } catch (error) {
    if (error instanceof MetadataLoadError || error instanceof DocsValidationError) {
      output.stderr(`docs: ${error.message}`);
      output.stderr('docs: fix the metadata above; no docs were written.');
      return 1;
    }
    throw error;
  }
  for (const warning of result.warnings) {
    output.stderr(`docs: warning: ${warning}`);
  }

  if (options.check) {
    const diff = diffDocs(options.root, result.documents);
    const problems = [
      ...diff.stale.map((f) => `${f} is out of date`),
      ...diff.missing.map((f) => `${f} is missing`),
      ...diff.extra.map((f) => `${f} is not generated (unexpected file)`)
    ];
    if (problems.length === 0) {
      output.stdout(`docs: ${DOCS_DIR} is up to date (${result.documents.length} files).`);
      return 0;
    }
    for (const problem of problems) {
      output.stderr(`docs: ${problem}`);
    }
    output.stderr(
      `docs: ${DOCS_DIR} does not match the metadata. Run \`${GENERATE_COMMAND}\` and commit the result.`
    );
    return 1;
  }

  const { written, removed } = writeDocs(options.root, result.documents);
  for (const file of written) {
    output.stdout(`docs: wrote ${file}`);
  }
  for (const file of removed) {
    output.stdout(`docs: removed ${file} (not generated)`);
  }
  const unchanged = result.documents.length - written.length;
  output.stdout(
    `docs: ${DOCS_DIR}: ${written.length} written, ${unchanged} unchanged, ${removed.length} removed.`
  );
  return 0;
}

const USAGE = `Usage: tsx scripts/docs/generate.ts [--check] [--project-root <dir>]
  (no option)          write ${DOCS_DIR}/ from the metadata
  --check              exit 1 when ${DOCS_DIR}/ is stale, missing files or has extra .md files
  --project-root <dir> the Salesforce DX project (default: the current directory)`;

const consoleOutput: Output = {
  stdout: (line) => console.log(line),
  stderr: (line) => console.error(line)
};

/** Which contract fixture sets a project has, so which contract documents it gets. */
interface ContractSets {
  readonly contract: boolean;
  readonly marketing: boolean;
  readonly orders: boolean;
  readonly operations: boolean;
  readonly inquiry: boolean;
}

function renderIndex(sets: ContractSets): string {
  return document([
    '# Integration docs',
    GENERATED_NOTICE,
    DOCUMENT_INDEX.filter(
      (d) =>
        (sets.contract || !CONTRACT_DOCUMENTS.has(d.file)) &&
        (sets.marketing || !MARKETING_DOCUMENTS.has(d.file)) &&
        (sets.orders || !ORDER_DOCUMENTS.has(d.file)) &&
        (sets.operations || !OPERATIONS_DOCUMENTS.has(d.file)) &&
        (sets.inquiry || !INQUIRY_DOCUMENTS.has(d.file))
    )
      .map((d) => `- [${d.title}](${d.file}): ${d.summary}.`)
      .join('\n'),
    `\`npm run docs:check\` fails when these files no longer match the metadata.`
  ]);
}

function extraFiles(projectRoot: string, documents: readonly GeneratedDocument[]): string[] {
  const dir = path.join(projectRoot, DOCS_DIR);
  if (!fs.existsSync(dir)) {
    return [];
  }
  const expected = new Set(documents.map((d) => d.relativePath));
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.md'))
    .map((entry) => `${DOCS_DIR}/${entry.name}`)
    .filter((relativePath) => !expected.has(relativePath))
    .sort();
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href
) {
  process.exitCode = await main(process.argv.slice(2));
}
