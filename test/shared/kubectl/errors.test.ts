import { describe, expect, it } from "vitest";
import { runKubectl } from "../../../shared/kubectl/run.ts";
import { freshShopCluster } from "../../support/kubectl-builders.ts";

/** Error texts as kubectl 1.30 prints them (stderr, exit code). */
describe("kubectl errors are kubectl's words", () => {
  const cluster = freshShopCluster();
  it.each([
    ["kubectl scale deploy web --replica=3", "error: unknown flag: --replica\nSee 'kubectl scale --help' for usage.\n"],
    ["kubectl get pods -x", "error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.\n"],
    ["kubectl get pods -n", "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n"],
    ["kubectl gett pods", 'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tget\n\tset\n\nRun \'kubectl --help\' for usage.\n'],
    ["kubectl frobnicate", 'error: unknown command "frobnicate" for "kubectl"\n\nRun \'kubectl --help\' for usage.\n'],
    ["kubectl get pdos", 'error: the server doesn\'t have a resource type "pdos"\n'],
    ["kubectl get pods web-0 -n shop", 'Error from server (NotFound): pods "web-0" not found\n'],
    ["kubectl get deploy/nope -n shop", 'Error from server (NotFound): deployments.apps "nope" not found\n'],
    ["kubectl describe pods nope -n shop", 'Error from server (NotFound): pods "nope" not found\n'],
    ["kubectl get pods --field-selector foo=bar -n shop", 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n'],
    ["kubectl get pods -o yml", 'error: unable to match a printer suitable for the output format "yml", allowed formats are: custom-columns, custom-columns-file, go-template, go-template-file, json, jsonpath, jsonpath-as-json, jsonpath-file, name, template, templatefile, wide, yaml\n'],
    ["kubectl get pod debug web -l app=web -n shop", "error: name cannot be provided when a selector is specified\n"],
    ["kubectl scale deploy web -n shop", 'error: required flag(s) "replicas" not set\n'],
    ["kubectl scale deploy web -n shop --replicas=-1", "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n"],
    ["kubectl scale pod debug -n shop --replicas=2", 'error: no scaler has been implemented for {"" "Pod"}\n'],
    ["kubectl label deploy web app=other -n shop", "error: 'app' already has a value (web), and --overwrite is false\n"],
    ["kubectl delete pods -n shop", "error: resource(s) were provided, but no name was specified\n"],
    ["kubectl set image deploy/web nope=nginx -n shop", 'error: unable to find container named "nope"\n'],
    ["kubectl logs", "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n"],
    ["kubectl logs web-0 -n shop", 'Error from server (NotFound): pods "web-0" not found\n'],
    ["kubectl logs debug -c nope -n shop", "Error from server (BadRequest): container nope is not valid for pod debug\n"],
    ["kubectl exec debug -n shop ls", "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n"],
    ["kubectl apply", "error: must specify one of -f and -k\n"],
    ["kubectl apply -f web.yaml", 'error: the path "web.yaml" does not exist\n'],
    ["kubectl taint nodes node-1 bad:NoWhere", "error: invalid taint effect: NoWhere, unsupported taint effect\n"],
    ["kubectl rollout undo deploy/web -n shop", 'error: no rollout history found for deployment "web"\n'],
    ["kubectl trace web", "error: expected 'trace (POD | node/NAME) --to (svc/NAME | POD | node/NAME | IP)[:PORT] [--port N]'\nSee 'kubectl trace -h' for help and examples\n"],
    ["kubectl get po 'unterminated", "bash: unexpected EOF while looking for matching `''\n"],
    ["kubectl get po -n shop | awk '{print $1}'", "bash: awk: command not found\n"],
  ])("%s", (line, stderr) => {
    const r = runKubectl(cluster, line);
    expect(r.stderr).toBe(stderr);
    expect(r.exitCode).not.toBe(0);
  });

  it("says no resources were found on stderr, with exit code 0", () => {
    expect(runKubectl(cluster, "kubectl get pods")).toEqual({ stdout: "", stderr: "No resources found in default namespace.\n", exitCode: 0 });
    expect(runKubectl(cluster, "kubectl get pods -A -l app=nothing")).toEqual({ stdout: "", stderr: "No resources found\n", exitCode: 0 });
  });

  it("prints an Invalid error as `The <Kind> \"name\" is invalid`", () => {
    const r = runKubectl(cluster, "kubectl apply -f -", {
      stdin: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\n  namespace: shop\nspec:\n  replicas: -1\n  selector:\n    matchLabels: {app: bad}\n  template:\n    metadata:\n      labels: {app: bad}\n    spec:\n      containers: [{name: c, image: nginx}]\n",
    });
    expect(r.stderr).toBe('The Deployment "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
    expect(r.exitCode).toBe(1);
  });

  it("reports kinds the simulator does not serve with the missing-API message", () => {
    const r = runKubectl(cluster, "kubectl apply -f -", { stdin: "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n" });
    expect(r.stderr).toBe('error: resource mapping not found for name: "db" namespace: "" from "STDIN": no matches for kind "StatefulSet" in version "apps/v1"\nensure CRDs are installed first\n');
  });
});
