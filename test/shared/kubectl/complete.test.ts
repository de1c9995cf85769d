import { describe, expect, it } from "vitest";
import { completeKubectl } from "../../../shared/kubectl/complete.ts";
import { freshShopCluster } from "../../support/kubectl-builders.ts";

describe("completeKubectl offers what may replace the last word", () => {
  const cluster = freshShopCluster();
  it.each([
    ["kubectl g", ["get"]],
    ["k de", ["debug", "delete", "describe"]],
    ["kubectl get po", ["po", "pod", "pods"]],
    ["kubectl get deploy -n shop w", ["web"]],
    ["kubectl get -n ", ["default", "kube-node-lease", "kube-public", "kube-system", "shop"]],
    ["kubectl get pods --namespace=s", ["--namespace=shop"]],
    ["kubectl describe pod -n shop d", ["debug"]],
    ["kubectl logs -n shop de", ["debug"]],
    ["kubectl get cm/ -n shop", ["shop"]],
    ["kubectl -n shop get cm/a", ["cm/app-config"]],
    ["kubectl rollout r", ["restart", "resume"]],
    ["kubectl scale --rep", ["--replicas"]],
    ["kubectl cordon node-", ["node-1", "node-2"]],
    ["kubectl taint no", ["no", "node", "nodes"]],
    ["kubectl top ", ["node", "pod"]],
    ["kubectl nope ", []],
  ])("%j", (line, expected) => {
    expect(completeKubectl(cluster, line)).toEqual(expected);
  });
});
