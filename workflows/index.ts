// The worker's workflowsPath: every workflow of the product.
export * from './credential-lifecycle';
export * from './lost-pin';
export * from './pin-request';
