export const BUDGET_CONFIG = Symbol('BUDGET_CONFIG');
/** The service's NATS connection wrapped as the upload object store. */
export const UPLOAD_STORE = Symbol('BUDGET_UPLOAD_STORE');

export interface ClosableUploadStore {
  close(): Promise<void>;
}
