// The worker's workflowsPath: every workflow of the product.
export * from './benefit-application';
export * from './conversion';
export * from './credential-lifecycle';
export * from './first-half-again';
export * from './housekeeping';
export * from './inbound-fax';
export * from './letter';
export * from './lost-pin';
export * from './office-issuance';
export * from './pending-processes';
export * from './phone-pin';
export * from './pin-request';
export * from './pin-retirement-notices';
export * from './retention';
export * from './submission';
export * from './task-claims';
