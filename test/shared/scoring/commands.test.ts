import { describe, expect, it } from "vitest";
import { isShotgun, parseCommand } from "../../../shared/scoring/commands.ts";
import { inspects, summarizeDiagnosis } from "../../../shared/scoring/diagnosis.ts";

describe("classifying a kubectl line", () => {
  it.each([
    ["kubectl get pods -n shop", "get", "inspect"],
    ["k describe svc web", "describe", "inspect"],
    ["kubectl -n shop logs web-1 --previous", "logs", "inspect"],
    ["kubectl rollout status deploy/web", "rollout status", "inspect"],
    ["kubectl rollout undo deploy/web", "rollout undo", "mutate"],
    ["kubectl rollout restart deployment web", "rollout restart", "mutate"],
    ["kubectl patch svc web -p '{}'", "patch", "mutate"],
    ["kubectl set image deploy/web web=nginx:1.27", "set image", "mutate"],
    ["kubectl delete ns shop", "delete", "mutate"],
    ["kubectl version", "version", "inspect"],
    ["kubectl frobnicate", "frobnicate", "other"],
  ])("%s ⇒ %s (%s)", (line, verb, cls) => {
    const c = parseCommand(line);
    expect(c.verb).toBe(verb);
    expect(c.cls).toBe(cls);
  });

  it("does not take a flag's value for an argument", () => {
    expect(parseCommand("kubectl get pods -n shop -l app=web -o wide")).toMatchObject({ verb: "get", args: ["pods"], namespace: "shop", selector: "app=web" });
  });

  it.each([
    ["kubectl delete pod web-1", true],
    ["kubectl delete pods -l app=web", true],
    ["kubectl delete pods --all", true],
    ["kubectl delete pod/web-1", true],
    ["kubectl rollout restart deploy web", true],
    ["kubectl delete svc web", false],
    ["kubectl get pods", false],
  ])("shotgun: %s ⇒ %s", (line, shotgun) => {
    expect(isShotgun(parseCommand(line))).toBe(shotgun);
  });
});

describe("what counts as inspecting an object", () => {
  const svc = { kind: "Service" as const, name: "web" };
  const deploy = { kind: "Deployment" as const, name: "api" };
  it.each([
    ["kubectl describe svc web", svc, true],
    ["kubectl get service/web -o yaml", svc, true],
    ["kubectl get endpointslices", svc, true],
    ["kubectl get svc", svc, true],
    ["kubectl get svc other", svc, false],
    ["kubectl get pods", svc, false],
    ["kubectl logs api-5d8f-abcde", deploy, true],
    ["kubectl describe pod api-5d8f-abcde", deploy, true],
    ["kubectl get events", deploy, true],
    ["kubectl get all", deploy, true],
    ["kubectl delete deploy api", deploy, false],
  ])("%s shows %o: %s", (line, ref, expected) => {
    expect(inspects(parseCommand(line), ref)).toBe(expected);
  });

  it("credits only what was looked at before the first change", () => {
    const d = summarizeDiagnosis(["kubectl get svc web", "kubectl delete pod api-1", "kubectl describe deploy api", "kubectl delete pod api-2"], [svc, deploy]);
    expect(d).toMatchObject({ relevant: 2, inspectedFirst: 1, looked: ["service/web"], shotgun: 2 });
  });
});
