import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runKubectl } from "../../../shared/kubectl/run.ts";
import { freshShopCluster } from "../../support/kubectl-builders.ts";

/**
 * One golden file per command on the fixed shop cluster (test/support/kubectl-builders.ts):
 * the line, then stdout, stderr and the exit code. `UPDATE_GOLDEN=1` rewrites them; review
 * the diff against real kubectl output before committing.
 */
const DIR = join(import.meta.dirname, "golden");
const UPDATE = !!globalThis.process?.env.UPDATE_GOLDEN;

const WEB_V2 = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web}
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports: [{containerPort: 80}]
        resources: {requests: {cpu: 100m, memory: 64Mi}}
        readinessProbe: {httpGet: {path: /, port: 80}}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-settings
  namespace: shop
data:
  currency: EUR
`;

const CASES: [name: string, line: string, stdin?: string][] = [
  ["get-pods", "kubectl get pods -n shop"],
  ["get-pods-wide", "kubectl get po -n shop -o wide"],
  ["get-pods-all-namespaces-labels", "kubectl get pods -A --show-labels"],
  ["get-pods-label-columns", "kubectl get pods -n shop -L app,pod-template-hash"],
  ["get-pods-selector-no-headers", "kubectl get pods -n shop -l app=web --no-headers"],
  ["get-pods-field-selector", "kubectl get pods -n shop --field-selector status.phase=Running,spec.nodeName=node-1"],
  ["get-pods-sort-by-name-reverse-pipe", "kubectl get pods -n shop --sort-by=.metadata.name | tail -n 2"],
  ["get-deploy-svc-comma", "kubectl get deploy,svc -n shop"],
  ["get-all", "kubectl get all -n shop"],
  ["get-endpoints", "kubectl get ep -n shop"],
  ["get-nodes", "kubectl get nodes"],
  ["get-nodes-wide", "kubectl get no -o wide"],
  ["get-namespaces", "kubectl get ns"],
  ["get-configmap-yaml", "kubectl get cm app-config -n shop -o yaml"],
  ["get-configmap-json", "kubectl get configmap/app-config -n shop -o json"],
  ["get-deploy-name", "kubectl get deploy,rs -n shop -o name"],
  ["get-pod-jsonpath", "kubectl get pod debug -n shop -o jsonpath='{.spec.containers[0].image}'"],
  ["get-pods-jsonpath-range", `kubectl get pods -n shop -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}'`],
  ["get-pods-custom-columns", "kubectl get pods -n shop -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IMAGE:.spec.containers[*].image"],
  ["get-events-sorted", "kubectl get events -n shop --sort-by=.lastTimestamp --field-selector involvedObject.name=debug"],
  ["get-pods-grep-count", "kubectl get pods -n shop | grep -c web"],
  ["describe-pod", "kubectl describe pod debug -n shop"],
  ["describe-pods-by-prefix", "kubectl describe pods web -n shop | grep -E '^(Name|Node|Status):'"],
  ["describe-deployment", "kubectl describe deploy web -n shop"],
  ["describe-service", "kubectl describe svc/web -n shop"],
  ["describe-endpoints", "kubectl describe endpoints web -n shop"],
  ["describe-node", "kubectl describe node node-1"],
  ["logs-deployment", "kubectl logs deploy/web -n shop --tail=3"],
  ["logs-selector-prefix", "kubectl logs -l app=web -n shop --prefix --tail=1"],
  ["apply-created-configured", "kubectl apply -f -", WEB_V2],
  ["apply-parse-error", "kubectl apply -f -", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n bad: [\n"],
  ["create-deployment", "kubectl create deployment api --image=nginx:1.25 --replicas=2 -n shop"],
  ["create-deployment-dry-run-yaml", "kubectl create deployment api --image=registry.k8s.io/e2e-test-images/agnhost:2.40 -n shop --dry-run=client -o yaml"],
  ["create-namespace", "kubectl create namespace payments"],
  ["create-configmap", "kubectl create configmap flags --from-literal=beta=true --from-literal=color=blue -n shop"],
  ["create-secret-generic", "kubectl create secret generic db --from-literal=password=s3cret -n shop"],
  ["create-already-exists", "kubectl create -f -", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n  namespace: shop\n"],
  ["edit-prints-buffer", "kubectl edit cm/app-config -n shop"],
  ["patch-strategic-container", `kubectl patch deploy web -n shop -p '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}}}'`],
  ["patch-merge-no-change", `kubectl patch deploy web -n shop --type merge -p '{"spec":{"replicas":2}}'`],
  ["patch-json", `kubectl patch cm app-config -n shop --type json -p '[{"op":"replace","path":"/data/LOG_LEVEL","value":"debug"}]'`],
  ["set-image", "kubectl set image deployment/web web=nginx:1.27 -n shop"],
  ["set-resources", "kubectl set resources deploy web -n shop --limits=cpu=500m,memory=256Mi"],
  ["label-overwrite", "kubectl label pods debug run=shell --overwrite -n shop"],
  ["label-remove", "kubectl label pod debug run- -n shop"],
  ["annotate", "kubectl annotate deploy web owner='team shop' -n shop"],
  ["scale", "kubectl scale deploy/web --replicas=5 -n shop"],
  ["delete-pod", "kubectl delete pod debug -n shop"],
  ["delete-force", "kubectl delete pod debug -n shop --grace-period=0 --force"],
  ["delete-by-selector", "kubectl delete pods -l app=web -n shop"],
  ["rollout-restart", "kubectl rollout restart deploy/web -n shop"],
  ["rollout-status", "kubectl rollout status deployment web -n shop"],
  ["rollout-history", "kubectl rollout history deploy/web -n shop"],
  ["cordon", "kubectl cordon node-1"],
  ["uncordon-already", "kubectl uncordon node-1"],
  ["drain-refused", "kubectl drain node-2 --ignore-daemonsets"],
  ["drain", "kubectl drain node-1 --ignore-daemonsets"],
  ["taint", "kubectl taint nodes node-1 dedicated=db:NoSchedule"],
  ["taint-remove-missing", "kubectl taint nodes node-1 dedicated-"],
  ["expose", "kubectl expose deployment web --name=web-public --port=8080 --target-port=80 -n shop"],
  ["top-pods", "kubectl top pods -n shop"],
  ["top-nodes", "kubectl top nodes"],
  ["auth-can-i", "kubectl auth can-i delete pods -n shop"],
  ["explain-pod-containers", "kubectl explain pods.spec.containers"],
  ["exec-ls", "kubectl exec debug -n shop -- ls /"],
  ["exec-missing-binary", "kubectl exec debug -n shop -- jq .items"],
  ["version", "kubectl version"],
  ["cluster-info", "kubectl cluster-info"],
  ["api-resources", "kubectl api-resources"],
  ["config-current-context", "kubectl config current-context"],
  ["help", "kubectl help"],
  ["scale-help", "kubectl scale --help"],
];

function render(line: string, r: { stdout: string; stderr: string; exitCode: number }): string {
  return `$ ${line}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}--- exit ${r.exitCode}\n`;
}

describe("kubectl output matches its golden file", () => {
  if (UPDATE && !existsSync(DIR)) mkdirSync(DIR, { recursive: true });
  it.each(CASES)("%s", (name, line, stdin) => {
    const cluster = freshShopCluster();
    const got = render(line, runKubectl(cluster, line, stdin === undefined ? {} : { stdin }));
    const file = join(DIR, `${name}.txt`);
    if (UPDATE) writeFileSync(file, got);
    expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(got).toBe(readFileSync(file, "utf8"));
  });
});
