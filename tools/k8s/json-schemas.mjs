// Kubernetes JSON schemas for kubeconform, made offline from the OpenAPI document that Kubernetes itself
// publishes (api/openapi-spec/swagger.json of the k8s.io/kubernetes Go module, Apache-2.0), in the layout
// kubeconform reads (`<dir>/v<version>-standalone-strict/<kind>[-<group>]-<version>.json`, the one of
// yannh/kubernetes-json-schema, which its author makes with openapi2jsonschema from the same document).
//
//   node tools/k8s/json-schemas.mjs <swagger.json> <out-dir> <kubernetes-version>
//
// One file per kind that the API server serves (definitions with x-kubernetes-group-version-kind), each
// standalone: the definitions it reaches are copied into its own `definitions` (so recursive types such as
// JSONSchemaProps stay finite). "Strict" as kubeconform means it: every object with declared properties
// gets `additionalProperties: false`, so a misspelt or misplaced field is an error, not ignored.
// Like openapi2jsonschema: int-or-string and Quantity accept a string or a number, a field may be null
// (YAML `key:` with nothing), `format` is dropped (not asserted by the API server's own decoding either),
// and kind/apiVersion are pinned to the kind's own values.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [swaggerFile, outDir, version] = process.argv.slice(2);
if (!swaggerFile || !outDir || !/^\d+\.\d+\.\d+$/.test(version ?? '')) {
  console.error('usage: node tools/k8s/json-schemas.mjs <swagger.json> <out-dir> <kubernetes-version, e.g. 1.35.4>');
  process.exit(2);
}

const swagger = JSON.parse(readFileSync(swaggerFile, 'utf8'));
const defs = swagger.definitions;
const REF = '#/definitions/';

const nullable = (type) => (Array.isArray(type) ? [...new Set([...type, 'null'])] : [type, 'null']);

/** One schema node made strict and nullable; `refs` collects the definitions it reaches. */
function convert(node, refs, root = false) {
  if (Array.isArray(node)) return node.map((n) => convert(n, refs));
  if (!node || typeof node !== 'object') return node;
  if (node.format === 'int-or-string') return { description: node.description, oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] };
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'format' || k.startsWith('x-kubernetes-')) continue;
    if (k === '$ref') {
      refs.add(v.slice(REF.length));
      out.$ref = v;
    } else if (k === 'properties') {
      out.properties = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, convert(s, refs)]));
    } else if (k === 'items' || k === 'additionalProperties') {
      out[k] = typeof v === 'object' ? convert(v, refs) : v;
    } else if (k === 'type') {
      out.type = root ? v : nullable(v);
    } else out[k] = v;
  }
  // A $ref with siblings: draft 4 ignores the siblings, which is what we want (description only).
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function definition(name, refs) {
  if (name === 'io.k8s.apimachinery.pkg.util.intstr.IntOrString')
    return { description: defs[name].description, oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] };
  if (name === 'io.k8s.apimachinery.pkg.api.resource.Quantity')
    return { description: defs[name].description, oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'null' }] };
  return convert(defs[name], refs);
}

const dir = join(outDir, `v${version}-standalone-strict`);
mkdirSync(dir, { recursive: true });
let written = 0;
for (const [name, def] of Object.entries(defs)) {
  for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
    const refs = new Set();
    const schema = convert(def, refs, true);
    const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
    schema.properties = { ...schema.properties, apiVersion: { type: 'string', enum: [apiVersion] }, kind: { type: 'string', enum: [gvk.kind] } };
    schema.required = [...new Set([...(schema.required ?? []), 'apiVersion', 'kind'])];
    // Every definition reachable from this kind, copied once.
    const definitions = {};
    const queue = [...refs];
    while (queue.length) {
      const ref = queue.pop();
      if (definitions[ref]) continue;
      if (!defs[ref]) throw new Error(`${name}: $ref to a missing definition ${ref}`);
      const more = new Set();
      definitions[ref] = definition(ref, more);
      for (const r of more) if (!definitions[r]) queue.push(r);
    }
    schema.definitions = definitions;
    schema.$schema = 'http://json-schema.org/draft-04/schema#';
    const suffix = gvk.group ? `-${gvk.group.split('.')[0]}-${gvk.version}` : `-${gvk.version}`;
    writeFileSync(join(dir, `${gvk.kind.toLowerCase()}${suffix}.json`.toLowerCase()), JSON.stringify(schema));
    written++;
  }
}
console.log(`${written} schemas of Kubernetes ${version} in ${dir}`);
