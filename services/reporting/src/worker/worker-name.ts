/** The name the report worker process goes by in logs, health and traces (`reporting-worker`). */
export const workerName = (config: { SERVICE_NAME: string }): string => `${config.SERVICE_NAME}-worker`;
