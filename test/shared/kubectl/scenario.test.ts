import { describe, expect, it } from "vitest";
import { runKubectl } from "../../../shared/kubectl/run.ts";
import { EDIT_MARKER, parseEditMarker } from "../../../shared/kubectl/commands/edit.ts";
import { freshShopCluster } from "../../support/kubectl-builders.ts";

describe("fixing a cluster through kubectl", () => {
  it("scales a Deployment and the controllers bring the new pods up on later ticks", () => {
    const cluster = freshShopCluster();
    expect(runKubectl(cluster, "kubectl scale deploy web --replicas=4 -n shop").stdout).toBe("deployment.apps/web scaled\n");
    expect(runKubectl(cluster, "kubectl get deploy web -n shop -o jsonpath={.status.readyReplicas}").stdout).toBe("2");
    cluster.advance(30_000);
    expect(runKubectl(cluster, "kubectl get deploy web -n shop -o jsonpath={.status.readyReplicas}").stdout).toBe("4");
    expect(runKubectl(cluster, "kubectl get pods -n shop -l app=web --no-headers | wc -l").stdout).toBe("4\n");
    expect(runKubectl(cluster, "kubectl rollout status deploy/web -n shop").stdout).toBe('deployment "web" successfully rolled out\n');
  });

  it("repairs a broken image with apply: created, then configured, then unchanged", () => {
    const cluster = freshShopCluster();
    const manifest = (image: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n      - name: api\n        image: ${image}\n`;
    expect(runKubectl(cluster, "kubectl apply -f -", { stdin: manifest("nginx:does-not-exist") }).stdout).toBe("deployment.apps/api created\n");
    cluster.advance(30_000);
    expect(runKubectl(cluster, "kubectl get pods -n shop -l app=api").stdout).toMatch(/ErrImagePull|ImagePullBackOff/);
    expect(runKubectl(cluster, "kubectl apply -f -", { stdin: manifest("nginx:1.25") }).stdout).toBe("deployment.apps/api configured\n");
    expect(runKubectl(cluster, "kubectl apply -f -", { stdin: manifest("nginx:1.25") }).stdout).toBe("deployment.apps/api unchanged\n");
    cluster.advance(60_000);
    const pods = runKubectl(cluster, "kubectl get pods -n shop -l app=api --no-headers");
    expect(pods.stdout.trim().split("\n")).toHaveLength(1);
    expect(pods.stdout).toMatch(/1\/1\s+Running/);
    expect(runKubectl(cluster, "kubectl rollout history deploy/api -n shop").stdout).toBe("deployment.apps/api \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n");
  });

  it("edits in two round trips: the buffer with its marker, then the edited text", () => {
    const cluster = freshShopCluster();
    const first = runKubectl(cluster, "kubectl edit deploy/web -n shop");
    expect(first.exitCode).toBe(0);
    expect(first.stdout.startsWith(EDIT_MARKER)).toBe(true);
    expect(parseEditMarker(first.stdout)).toEqual({ ref: "deployment.apps/web", namespace: "shop" });
    expect(runKubectl(cluster, "kubectl edit deploy/web -n shop", { stdin: first.stdout }).stdout).toBe("Edit cancelled, no changes made.\n");
    const edited = first.stdout.replace("replicas: 2", "replicas: 3");
    expect(runKubectl(cluster, "kubectl edit deploy/web -n shop", { stdin: edited }).stdout).toBe("deployment.apps/web edited\n");
    expect(cluster.get("Deployment", "shop", "web")?.spec.replicas).toBe(3);
    const invalid = first.stdout.replace("replicas: 2", "replicas: -2");
    const r = runKubectl(cluster, "kubectl edit deploy/web -n shop", { stdin: invalid });
    expect(r.stderr).toBe('error: deployments.apps "web" is invalid\n* spec.replicas: Invalid value: -2: must be greater than or equal to 0\nerror: Edit cancelled, no valid changes were saved.\n');
    expect(r.exitCode).toBe(1);
  });

  it("cordons and drains a node: its pods come back on the other node", () => {
    const cluster = freshShopCluster();
    const drained = runKubectl(cluster, "kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data");
    expect(drained.exitCode).toBe(0);
    expect(drained.stdout).toMatch(/node\/node-1 drained\n$/);
    cluster.advance(60_000);
    const wide = runKubectl(cluster, "kubectl get pods -n shop -l app=web -o wide --no-headers").stdout;
    expect(wide).not.toContain("node-1");
    expect(runKubectl(cluster, "kubectl get node node-1 --no-headers").stdout).toMatch(/Ready,SchedulingDisabled/);
    expect(runKubectl(cluster, "kubectl uncordon node-1").stdout).toBe("node/node-1 uncordoned\n");
  });

  it("taints and untaints a node", () => {
    const cluster = freshShopCluster();
    expect(runKubectl(cluster, "kubectl taint nodes node-2 dedicated=db:NoSchedule").stdout).toBe("node/node-2 tainted\n");
    expect(runKubectl(cluster, "kubectl taint nodes node-2 dedicated=db:NoSchedule").stderr).toBe(
      "error: node node-2 already has dedicated taint(s) with same effect(s) and --overwrite is false\n",
    );
    expect(cluster.get("Node", undefined, "node-2")?.spec?.taints).toEqual([{ key: "dedicated", value: "db", effect: "NoSchedule" }]);
    expect(runKubectl(cluster, "kubectl taint nodes node-2 dedicated:NoSchedule-").stdout).toBe("node/node-2 untainted\n");
  });

  it("rolls back a bad image with rollout undo", () => {
    const cluster = freshShopCluster();
    runKubectl(cluster, "kubectl set image deploy/web web=nginx:broken -n shop");
    cluster.advance(20_000);
    expect(runKubectl(cluster, "kubectl rollout undo deploy/web -n shop").stdout).toBe("deployment.apps/web rolled back\n");
    expect(cluster.get("Deployment", "shop", "web")?.spec.template.spec.containers[0].image).toBe("nginx:1.25");
  });
});
