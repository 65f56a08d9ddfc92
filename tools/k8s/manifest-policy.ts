// What the schemas cannot tell about a built overlay (kustomize build … | node -r ./tools/ts-register.cjs
// tools/k8s/manifest-policy.ts <overlay> [--min-replicas N]): for every Vidnova Deployment
//   - its service's own config class (libs/config, services/*/src/config.ts) accepts the environment the
//     manifest gives it, as in production: the ConfigMap (envFrom), literal values, and each secretKeyRef as
//     a strong stand-in value (a Secret's real value is the operator's) — so a required variable that is not
//     wired, or a literal that fails validation, is found here and not at the pod's start;
//   - it has at least N replicas, a PodDisruptionBudget and a HorizontalPodAutoscaler of its own, requests and
//     limits, and startup, liveness and readiness probes on the port its config listens on (HEALTH_PORT; the
//     gateway's PORT);
//   - a NetworkPolicy selects it.
// Prints one line per Deployment; exits 1 with the problems.
import { BaseServiceConfig, loadConfig, newNatsPassword } from '@vidnova/config';
import { BudgetConfig } from '@vidnova/budget-analysis';
import { ConsultationsConfig } from '@vidnova/consultations';
import { DialogueEventsConfig } from '@vidnova/dialogue-events';
import { DiasporaConfig } from '@vidnova/diaspora-registry';
import { EnterpriseEfficiencyConfig } from '@vidnova/enterprise-efficiency';
import { GatewayConfig } from '@vidnova/gateway';
import { ReportingConfig } from '@vidnova/reporting';
import { loadAll } from 'js-yaml';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

const CONFIGS: Record<string, new () => BaseServiceConfig> = {
  'budget-analysis': BudgetConfig,
  consultations: ConsultationsConfig,
  'dialogue-events': DialogueEventsConfig,
  'diaspora-registry': DiasporaConfig,
  'enterprise-efficiency': EnterpriseEfficiencyConfig,
  gateway: GatewayConfig,
  reporting: ReportingConfig,
};

type Doc = { kind: string; metadata: { name: string }; spec?: any; data?: Record<string, string> };

const [overlay = 'stdin'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const minIndex = process.argv.indexOf('--min-replicas');
const minReplicas = minIndex > 0 ? Number(process.argv[minIndex + 1]) : 2;
const docs = (loadAll(readFileSync(0, 'utf8')) as Doc[]).filter(Boolean);
const byKind = (kind: string) => docs.filter((d) => d.kind === kind);
const configMaps = new Map(byKind('ConfigMap').map((c) => [c.metadata.name, c.data ?? {}]));
const matches = (selector: any, labels: Record<string, string>): boolean => {
  const eq = Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const ex = (selector?.matchExpressions ?? []).every((e: any) => (e.operator === 'In' ? e.values.includes(labels[e.key]) : true));
  return eq && ex;
};

const problems: string[] = [];
for (const d of byKind('Deployment')) {
  const name = d.metadata.name;
  const pod = d.spec.template.spec;
  const labels: Record<string, string> = d.spec.template.metadata.labels;
  const fail = (p: string) => problems.push(`${overlay}: Deployment ${name}: ${p}`);
  for (const c of pod.containers) {
    const env: Record<string, string> = {};
    for (const from of c.envFrom ?? []) {
      if (from.configMapRef) {
        const data = configMaps.get(from.configMapRef.name);
        if (!data) fail(`envFrom names ConfigMap ${from.configMapRef.name}, which the overlay does not have`);
        Object.assign(env, data);
      }
    }
    for (const e of c.env ?? []) {
      if (e.value !== undefined) env[e.name] = String(e.value);
      else if (e.valueFrom?.secretKeyRef) {
        env[e.name] = e.name === 'MONGO_URL' ? 'mongodb://u:p@mongo-0.mongo:27017/?replicaSet=rs0' : e.name === 'NATS_PASSWORD' ? newNatsPassword() : randomBytes(24).toString('base64url');
      }
      else if (e.valueFrom?.configMapKeyRef) env[e.name] = configMaps.get(e.valueFrom.configMapKeyRef.name)?.[e.valueFrom.configMapKeyRef.key] ?? '';
    }
    const cls = CONFIGS[env.SERVICE_NAME ?? ''];
    if (!cls) {
      fail(`SERVICE_NAME ${env.SERVICE_NAME} is not a Vidnova service`);
      continue;
    }
    // The overlay's NODE_ENV, or production when it sets none (as the services themselves assume).
    let config: Record<string, unknown>;
    try {
      config = loadConfig(cls, env) as unknown as Record<string, unknown>;
    } catch (e) {
      fail(`its config refuses the manifest's environment: ${(e as Error).message}`);
      continue;
    }
    const port = Number(env.SERVICE_NAME === 'gateway' ? config.PORT : config.HEALTH_PORT);
    const named = new Map<string, number>((c.ports ?? []).map((p: any) => [p.name, p.containerPort]));
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      const get = c[probe]?.httpGet;
      if (!get) fail(`${c.name} has no ${probe} (httpGet)`);
      else if ((typeof get.port === 'number' ? get.port : named.get(get.port)) !== port) fail(`${c.name}'s ${probe} is not on the port its config listens on (${port})`);
    }
    if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory || !c.resources?.limits?.memory || !c.resources?.limits?.cpu)
      fail(`${c.name} needs cpu and memory requests and limits`);
  }
  const replicas = d.spec.replicas ?? 1;
  if (replicas < minReplicas) fail(`${replicas} replica(s), fewer than ${minReplicas}`);
  if (!byKind('PodDisruptionBudget').some((p) => matches(p.spec.selector, labels))) fail('no PodDisruptionBudget selects its pods');
  const hpa = byKind('HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === name);
  if (!hpa) fail('no HorizontalPodAutoscaler');
  else if (hpa.spec.minReplicas < minReplicas) fail(`its HorizontalPodAutoscaler may scale it to ${hpa.spec.minReplicas}`);
  if (!byKind('NetworkPolicy').some((p) => Object.keys(p.spec.podSelector ?? {}).length && matches(p.spec.podSelector, labels)))
    fail('no NetworkPolicy of its own selects its pods');
  console.log(`${overlay}: Deployment ${name}: ${replicas} replicas, config accepted, probes on its port, PDB, HPA, NetworkPolicy`);
}
if (!byKind('Deployment').length) problems.push(`${overlay}: no Deployment`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
