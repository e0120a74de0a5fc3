// The layers of docs/architecture.md, checked on every `npm test` (lint step). Each rule names a direction of import
// the architecture forbids; the picture and the reasons are in docs/architecture.md.
const layer = (name) => `^${name}/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle means two modules are one; merge them or move what both need down a layer.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'domain-is-pure',
      comment: "The domain's rules and words depend on nothing of the product but the domain.",
      severity: 'error',
      from: { path: layer('domain') },
      to: { path: '^(app|services|core|activities|repositories|infra|dev|workflows)/' },
    },
    {
      name: 'workflows-import-only-workflow-safe-code',
      comment:
        'Workflows run in the deterministic sandbox: other workflow code, the domain, and activities only as types.',
      severity: 'error',
      from: { path: layer('workflows') },
      to: { path: '^(app|services|core|repositories|infra|dev)/' },
    },
    {
      name: 'workflows-see-activities-only-as-types',
      severity: 'error',
      from: { path: layer('workflows') },
      to: { path: layer('activities'), dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'workflows-import-only-temporal-workflow-packages',
      comment: 'No Node built-ins, database, SDKs or other npm packages in workflow code.',
      severity: 'error',
      from: { path: layer('workflows') },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'core'],
        pathNot: '^node_modules/(@temporalio/(workflow|common)|zod)/',
      },
    },
    {
      name: 'infra-is-below-the-product',
      comment:
        'Infrastructure knows the domain and itself; only the registration of search attributes reads workflows.',
      severity: 'error',
      from: { path: layer('infra'), pathNot: '^infra/temporal\\.ts$' },
      to: { path: '^(app|services|core|activities|repositories|dev|workflows)/' },
    },
    {
      name: 'repositories-are-below-their-callers',
      comment: 'A repository owns changes of state; it never calls up into activities, services or processes.',
      severity: 'error',
      from: { path: layer('repositories') },
      to: { path: '^(app|services|core|activities|dev|workflows)/' },
    },
    {
      name: 'activities-do-not-reach-http-or-processes',
      comment: 'Activities receive their clients from app/clients.ts; they do not import the HTTP layer or start-up.',
      severity: 'error',
      from: { path: layer('activities') },
      to: { path: '^(app|services|core|dev)/' },
    },
    {
      name: 'core-is-below-the-http-services',
      comment: 'The rules services share know nothing of HTTP: they throw domain refusals that the HTTP layer maps.',
      severity: 'error',
      from: { path: layer('core') },
      to: { path: '^(app|services|activities|dev)/' },
    },
    {
      name: 'browser-scripts-bundle-only-words',
      comment:
        "A script bundled for the browser (services/*/browser) takes words and pure rules: the domain, the services' word tables and what a page says to its service, no npm package, no Node built-in, nothing that reaches a server.",
      severity: 'error',
      from: { path: '^services/[^/]+/browser/' },
      to: {
        pathNot:
          '^(domain/|services/[^/]+/words\\.ts$|services/shared/(i18n|session-look)\\.ts$|services/[^/]+/browser/)',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'services-do-not-import-start-up-or-activities',
      severity: 'error',
      from: { path: layer('services') },
      to: { path: '^(app|activities|dev)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'one-service-does-not-import-another',
      comment: 'What two services share lives in services/shared or below.',
      severity: 'error',
      from: { path: '^services/(citizen|agent-console)/' },
      to: { path: '^services/(citizen|agent-console)/', pathNot: '^services/$1/' },
    },
    {
      name: 'only-development-wiring-imports-stand-ins',
      comment: 'Development stand-ins and seed data are reached only from app/ (and from tests and benchmarks).',
      severity: 'error',
      from: { pathNot: '^(app|dev|test|bench)/' },
      to: { path: layer('dev') },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.data|\\.tools|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
