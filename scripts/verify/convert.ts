import fs from 'node:fs';
import path from 'node:path';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import type { Issue } from '../lib/issues.js';
import { listFiles, readSfdxProject } from '../lib/project.js';

/** What a conversion produced: the manifest and the problems found. */
export interface ConversionReport {
  /** Components by metadata type, as the manifest lists them. */
  componentsByType: Record<string, number>;
  /** Path of the written package.xml. */
  manifest: string;
  issues: Issue[];
}

/** Files under a package directory that never deploy and so are not expected in the output. */
const NON_DEPLOYED = [/\.ts$/, /tsconfig.*\.json$/, /[\\/]__tests__[\\/]/, /[\\/]jest-mocks[\\/]/];

/**
 * Converts the project's source to Metadata API format with `@salesforce/source-deploy-retrieve`
 * (what `sf project deploy` sends) and writes the package manifest, as a dry run of a deploy.
 * Source-deploy-retrieve drops what it does not recognise without a word, so every source file
 * must be accounted for by a component, or it is reported.
 *
 * @param root - folder holding sfdx-project.json
 * @param outputDir - folder the converted metadata and package.xml are written to (emptied first)
 */
export async function convertSource(root: string, outputDir: string): Promise<ConversionReport> {
  const project = readSfdxProject(root);
  const issues: Issue[] = [];
  const components = ComponentSet.fromSource({ fsPaths: project.packageDirs });
  const sourceComponents = components.getSourceComponents().toArray();

  const claimed = new Set<string>();
  for (const component of sourceComponents) {
    if (component.xml) claimed.add(path.resolve(component.xml));
    if (component.content) {
      const content = path.resolve(component.content);
      if (fs.statSync(content).isDirectory()) {
        listFiles(content, () => true).forEach((file) => claimed.add(file));
      } else {
        claimed.add(content);
      }
    }
    for (const child of component.getChildren()) {
      if (child.xml) claimed.add(path.resolve(child.xml));
    }
  }
  for (const dir of project.packageDirs) {
    for (const file of listFiles(dir, (name) => name !== '.forceignore')) {
      if (NON_DEPLOYED.some((pattern) => pattern.test(file))) continue;
      if (!claimed.has(file)) {
        issues.push({
          file,
          line: 1,
          rule: 'convert/Dropped',
          message:
            'source-deploy-retrieve did not take this file into any component: it would not deploy ' +
            '(missing -meta.xml, wrong folder or unknown suffix)'
        });
      }
    }
  }

  fs.rmSync(outputDir, { recursive: true, force: true });
  try {
    await new MetadataConverter().convert(components, 'metadata', {
      type: 'directory',
      outputDirectory: outputDir,
      packageName: 'erp-bridge',
      genUniqueDir: false
    });
  } catch (error) {
    issues.push({
      file: path.join(root, 'sfdx-project.json'),
      line: 1,
      rule: 'convert/Failed',
      message: `conversion to Metadata API format failed: ${(error as Error).message}`
    });
  }

  for (const component of sourceComponents) {
    if (component.type.name !== 'LightningComponentBundle' || !component.content) continue;
    const script = path.join(component.content, `${component.name}.js`);
    if (!fs.existsSync(script)) {
      issues.push({
        file: component.xml ?? component.content,
        line: 1,
        rule: 'convert/UnbuiltComponent',
        message: `${component.name}.js is missing: run \`npm run build:lwc\` to compile the TypeScript component before a deploy`
      });
    }
  }
  // .forceignore must keep TypeScript sources, configs and tests out of what is sent.
  for (const file of listFiles(outputDir, () => true)) {
    if (NON_DEPLOYED.some((pattern) => pattern.test(file))) {
      issues.push({
        file,
        line: 1,
        rule: 'convert/NotDeployable',
        message: 'this file would be sent to the org: add its pattern to .forceignore'
      });
    }
  }

  const componentsByType: Record<string, number> = {};
  for (const component of sourceComponents) {
    componentsByType[component.type.name] = (componentsByType[component.type.name] ?? 0) + 1;
  }
  return { componentsByType, manifest: path.join(outputDir, 'erp-bridge', 'package.xml'), issues };
}
