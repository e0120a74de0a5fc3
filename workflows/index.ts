// The worker's workflowsPath: every workflow of the product.
export * from './pin-request';
