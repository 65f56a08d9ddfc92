#!/usr/bin/env bash
# The deployment manifests, checked without a cluster and without Docker:
#   - every Kustomize overlay (deploy/k8s/overlays/*) and the base are built with kustomize, and the output is
#     validated with kubeconform -strict against the JSON schemas of Kubernetes $KUBERNETES_VERSION: unknown or
#     misplaced fields, wrong types and kinds without a schema are errors (missing schemas are NOT skipped);
#   - then tools/k8s/manifest-policy.ts: each service's own config class accepts the environment its Deployment
#     gives it (ConfigMap, literals, Secret keys), probes on the port it listens on, replicas (≥2, dev ≥1), a
#     PodDisruptionBudget, an HPA, requests and limits, a NetworkPolicy;
#   - docker-compose.yml is loaded with compose-go (the Compose specification's schema, interpolation with
#     .env.example, references between services, volumes and networks): tools/compose-check.
# Tools come from the Go module proxy at pinned versions and are cached in .tools/bin; the schemas are made
# offline from Kubernetes' own OpenAPI document (api/openapi-spec/swagger.json of the k8s.io/kubernetes module)
# by tools/k8s/json-schemas.mjs and cached in .tools/k8s-schemas.
#
#   bash deploy/check.sh               check the real manifests
#   bash deploy/check.sh --self-test   feed the checker broken manifests and Compose files: each must fail
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

KUSTOMIZE_VERSION=v5.8.1      # sigs.k8s.io/kustomize/kustomize/v5 (v5.8.2+ need Go 1.27)
KUBECONFORM_VERSION=v0.8.0    # github.com/yannh/kubeconform
KUBERNETES_VERSION=1.35.4     # the oldest minor the Kubernetes project still supports (1.35–1.37)

BIN="$ROOT/.tools/bin"
SCHEMAS="$ROOT/.tools/k8s-schemas"
mkdir -p "$BIN"
export GOFLAGS="${GOFLAGS:--buildvcs=false}"

go_tool() { # name module version -> path of the cached binary
  local name=$1 module=$2 version=$3 target="$BIN/$1-$3"
  if [ ! -x "$target" ]; then
    echo "installing $module@$version" >&2
    local tmp
    tmp="$(mktemp -d)"
    GOBIN="$tmp" go install "$module@$version" >&2
    mv "$tmp/$name" "$target"
    rm -rf "$tmp"
  fi
  echo "$target"
}

KUSTOMIZE="$(go_tool kustomize sigs.k8s.io/kustomize/kustomize/v5 "$KUSTOMIZE_VERSION")"
KUBECONFORM="$(go_tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION")"

# The schemas: remade when the Kubernetes version or the generator changes.
stamp="$KUBERNETES_VERSION $(sha256sum tools/k8s/json-schemas.mjs | cut -c1-16)"
if [ "$(cat "$SCHEMAS/stamp" 2>/dev/null)" != "$stamp" ]; then
  module_dir="$(go mod download -json "k8s.io/kubernetes@v$KUBERNETES_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -f "$module_dir/api/openapi-spec/swagger.json" ] || { echo "no api/openapi-spec/swagger.json in k8s.io/kubernetes@v$KUBERNETES_VERSION" >&2; exit 1; }
  rm -rf "$SCHEMAS"
  node tools/k8s/json-schemas.mjs "$module_dir/api/openapi-spec/swagger.json" "$SCHEMAS" "$KUBERNETES_VERSION"
  echo "$stamp" >"$SCHEMAS/stamp"
fi

# compose-check: its own Go module (tools/compose-check/go.mod); go build's cache makes this quick.
(cd tools/compose-check && go build -o "$BIN/compose-check" .)
COMPOSE_CHECK="$BIN/compose-check"

# Builds one kustomization and validates what it produces; fails on either.
check_kustomization() {
  local dir=$1 out
  out="$(mktemp)"
  if ! "$KUSTOMIZE" build "$dir" >"$out"; then
    echo "FAIL $dir: kustomize build failed" >&2
    rm -f "$out"
    return 1
  fi
  # From standard input: kubeconform skips files whose names do not end in .yaml/.yml/.json.
  local status=0 report
  report="$("$KUBECONFORM" -strict -summary -kubernetes-version "$KUBERNETES_VERSION" -schema-location "$SCHEMAS" - <"$out" 2>&1)" || status=1
  rm -f "$out"
  echo "${report//stdin/$dir}"
  # An empty build validates trivially: refuse it too.
  if [[ "$report" =~ Summary:\ 0\ resource ]]; then
    echo "FAIL $dir: no resources" >&2
    status=1
  fi
  # What schemas cannot tell: each service's config accepts the manifest's environment, replicas, PDB, HPA,
  # probes on the right port, requests and limits, a NetworkPolicy (tools/k8s/manifest-policy.ts). The dev
  # overlay runs one pod per service.
  local min=2
  [ "$(basename "$dir")" = dev ] && min=1
  "$KUSTOMIZE" build "$dir" 2>/dev/null | node -r "$ROOT/tools/ts-register.cjs" "$ROOT/tools/k8s/manifest-policy.ts" "$dir" --min-replicas "$min" >"$out.policy" 2>&1 ||
    { status=1; cat "$out.policy"; }
  rm -f "$out.policy"
  return $status
}

check_all() { # root of a deploy/k8s tree, compose file, env file
  local k8s=$1 compose=$2 env=$3 failed=0
  check_kustomization "$k8s/base" || failed=1
  for overlay in "$k8s"/overlays/*/; do
    check_kustomization "${overlay%/}" || failed=1
  done
  "$COMPOSE_CHECK" -env-file "$env" "$compose" || failed=1
  return $failed
}

if [ "${1:-}" != "--self-test" ]; then
  check_all deploy/k8s docker-compose.yml .env.example
  echo "deployment manifests valid (Kubernetes $KUBERNETES_VERSION schemas, strict; Compose specification)"
  exit 0
fi

# Self-test: every broken copy must be refused, the unbroken copy accepted.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
expect() { # expect pass|fail "description" -- makes $work/case, then runs the checker on it
  local want=$1 what=$2
  shift 2
  rm -rf "$work/case"
  mkdir -p "$work/case"
  cp -r deploy/k8s "$work/case/k8s"
  cp docker-compose.yml .env.example "$work/case/"
  mkdir -p "$work/case/deploy" && cp -r deploy/nats "$work/case/deploy/nats" # docker-compose.yml mounts ./deploy/nats
  (cd "$work/case" && eval "$*")
  local got=pass
  check_all "$work/case/k8s" "$work/case/docker-compose.yml" "$work/case/.env.example" >"$work/log" 2>&1 || got=fail
  if [ "$got" = "$want" ]; then
    passed=$((passed + 1))
    # What made it fail, so that a case cannot pass for another reason unnoticed.
    local why
    why="$(grep -m1 -E 'invalid|could not find schema|Error:|error|FAIL|does not exist|missing|not allowed|validating|refuses|not on the port|no PodDisruptionBudget' "$work/log" |
      sed -E "s|$work/case/||g; s/problem validating schema.*#' - //" | cut -c1-200 || true)"
    echo "ok   $what (checker said: $got${why:+ — $why})"
  else
    failed=$((failed + 1))
    echo "FAIL $what: expected $want, checker said $got"
    sed 's/^/     /' "$work/log"
  fi
}

expect pass "the manifests as committed" true
expect fail "a misspelt field (readinesProbe) in a Deployment" "sed -i 's/readinessProbe:/readinesProbe:/' k8s/base/services/gateway.yaml"
expect fail "a field of the wrong type (replicas: two)" "sed -i '0,/replicas: 2/s//replicas: two/' k8s/base/services/diaspora-registry.yaml"
expect fail "a field in the wrong place (ports under the pod spec)" "sed -i 's/^      automountServiceAccountToken: false/      ports: []\n      automountServiceAccountToken: false/' k8s/base/services/consultations.yaml"
expect fail "a kind without a schema (not skipped)" "printf 'apiVersion: example.org/v1\nkind: Widget\nmetadata: { name: w }\n' > k8s/base/widget.yaml && echo '  - widget.yaml' >> k8s/base/kustomization.yaml"
expect fail "an overlay naming a file that does not exist" "sed -i 's|^  - ../../base$|&\\n  - missing.yaml|' k8s/overlays/production/kustomization.yaml"
expect fail "an overlay patching a resource that does not exist" "printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: no-such-config }\ndata: { A: b }\n' > k8s/overlays/production/ghost.yaml && echo '  - path: ghost.yaml' >> k8s/overlays/production/kustomization.yaml"
expect fail "a service whose secret is not wired (consultations without RESPONDENT_TOKEN_SECRET)" "sed -i '/name: RESPONDENT_TOKEN_SECRET$/,+1d' k8s/base/services/consultations.yaml"
expect fail "a probe on another port than the service listens on" "sed -i '0,/port: health }/s//port: 8080 }/' k8s/base/services/budget-analysis.yaml"
expect fail "a service without a PodDisruptionBudget" "sed -i '/^apiVersion: policy\\/v1$/,/^---$/d' k8s/base/services/enterprise-efficiency.yaml"
expect fail "a Compose file with an unknown service key" "sed -i '0,/restart: unless-stopped/s//restrt: unless-stopped/' docker-compose.yml"
expect fail "a Compose service depending on a service that does not exist" "sed -i '0,/^    depends_on:/s//    depends_on:\n      no-such-service: { condition: service_started }/' docker-compose.yml"
expect fail "a required Compose variable that .env.example does not list" "sed -i '/^BUS_SIGNING_SECRET=/d' .env.example"
echo "deploy/check.sh self-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
