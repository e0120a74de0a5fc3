// The workflow code as one prebuilt bundle. A worker given none bundles the workflows folder itself at start-up with
// webpack, which costs seconds and about 120 MiB of resident memory the process never gives back (bench/README.md,
// sleeping lifecycles); production builds the bundle once, in the image (`npm run build:workflows`), and the worker
// loads it (WORKER_WORKFLOW_BUNDLE). The tests build theirs once per run the same way.
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, type WorkflowBundleOption } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../infra/payload-codec';

export const WORKFLOWS_PATH = require.resolve('../workflows');

const noop = () => undefined;
const quiet = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };

/** Bundles the workflows folder (with the product's failure converter) and writes it to `file`. */
export async function writeWorkflowBundle(file: string): Promise<void> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: quiet,
  });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, code);
}

/**
 * The worker's workflow code: the prebuilt bundle at `file` when one is configured, otherwise the workflows folder,
 * bundled at start-up. A configured bundle that is not there stops the start with the setting's name, before the
 * worker touches anything.
 */
export function workflowCode(file: string | undefined): WorkflowBundleOption | undefined {
  if (!file) return undefined;
  try {
    accessSync(file, constants.R_OK);
  } catch {
    throw new Error(
      `WORKER_WORKFLOW_BUNDLE names ${file}, which cannot be read: build it with "npm run build:workflows -- ${file}", ` +
        'or leave the setting unset to bundle the workflows at start-up',
    );
  }
  return { codePath: file };
}

// `npm run build:workflows [-- file]`: writes the bundle (dist/workflow-bundle.js by default).
if (require.main === module) {
  const file = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist', 'workflow-bundle.js'));
  writeWorkflowBundle(file).then(
    () => console.log(`workflow bundle written to ${file}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
