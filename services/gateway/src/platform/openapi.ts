import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { problemResponse, ProblemDto } from './api-docs';

/** Every tag of the API with what it covers, in the order the document lists them. */
const TAGS: Array<[string, string]> = [
  ['consultations', "Citizens' consultations per community: questions, online and paper submissions, results with breakdowns, published priorities, recovery concepts"],
  ['budget', 'Local budget execution from the Open Budget portal: imports, summaries, recovery spending, incomes, trends, comparisons, anomalies and guidelines'],
  ['diaspora', 'Diaspora and temporarily protected persons (TPP) organisations abroad, their initiatives, cooperation links and UNHCR host-country statistics'],
  ['enterprises', 'Communal enterprises of a community: registry, financial statements, budget support, KPIs, sector benchmarks, assessments and recommendations'],
  ['procurement', 'Prozorro procurement (OCDS): package imports and buyer summaries'],
  ['communities', 'Ukrainian communities (hromadas) by KATOTTG code, and what each service knows about one community'],
  ['reference', 'Reference data: countries, budget classifiers, the recovery-category taxonomy'],
  ['api-keys', 'API keys and roles (admin only)'],
  ['audit-log', 'Who changed what, and when (admin only)'],
];

/** Problems every operation behind an API key can answer, whatever the route. */
const COMMON_PROBLEMS = [401, 403, 429, 503, 504];

type OperationObject = {
  security?: unknown[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
};

/**
 * Adds the answers every route shares, so that each operation documents every 4xx/5xx it can give:
 * 400 where it takes input, and 401/403/429/503/504 where it needs a key and reaches a service.
 */
function addCommonProblems(doc: OpenAPIObject): void {
  for (const item of Object.values(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = (item as Record<string, OperationObject | undefined>)[method];
      if (!operation) continue;
      const statuses = [...((operation.parameters?.length ?? 0) > 0 || operation.requestBody ? [400] : []), ...COMMON_PROBLEMS];
      for (const status of statuses) operation.responses[String(status)] ??= problemResponse(status);
    }
  }
}

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Vidnova API')
    .setDescription(
      'Open platform for the inclusive recovery of Ukrainian communities (hromadas). ' +
        'Send your key in the `X-API-Key` header. Errors are RFC 9457 `application/problem+json`. ' +
        'Lists are cursor-paginated: `?limit=` (max 100) and `?cursor=` from `nextCursor`. ' +
        'Writes take an `Idempotency-Key` header; a retry with the same key and body gets the first answer again. ' +
        'Imports answer `202 Accepted` with the `Location` of an import record to poll. Money is in integer kopiykas.',
    )
    .setVersion('1.0.0')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .setContact('Vidnova', 'https://github.com/vidnova', 'dev@vidnova.org')
    .addServer('http://127.0.0.1:3000', 'A platform started on this machine with `npm start` (or Docker Compose)')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'apiKey');
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const doc = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
    extraModels: [ProblemDto],
  });
  addCommonProblems(doc);
  return doc;
}

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', customSiteTitle: 'Vidnova API' });
}
