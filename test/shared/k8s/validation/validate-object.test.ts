import { describe, expect, it } from "vitest";
import { defaultObject } from "../../../../shared/k8s/defaults/index.ts";
import { formatFieldError } from "../../../../shared/k8s/errors.ts";
import type { Kind, KindMap } from "../../../../shared/k8s/kinds.ts";
import { validateObject } from "../../../../shared/k8s/validation/index.ts";
import { container, deployment, job, pod, resources, service } from "../../../support/admission-builders.ts";

/** Validation as the API server runs it: on the defaulted object. */
function problems<K extends Kind>(kind: K, obj: KindMap[K], old?: KindMap[K]): string[] {
  const o = old ? defaultObject(kind, old) : undefined;
  return validateObject(kind, defaultObject(kind, obj), o).map(formatFieldError);
}

const SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

describe("object names", () => {
  it.each([
    ["Deployment", deployment("Web"), `metadata.name: Invalid value: "Web": ${SUBDOMAIN}`],
    ["Pod", pod("web_0"), `metadata.name: Invalid value: "web_0": ${SUBDOMAIN}`],
    ["Service", service("1web"), `metadata.name: Invalid value: "1web": ${DNS1035}`],
    ["Namespace", { apiVersion: "v1", kind: "Namespace", metadata: { name: "my.ns" } }, `metadata.name: Invalid value: "my.ns": ${LABEL}`],
  ] as const)("%s names follow their rule", (kind, obj, message) => {
    expect(problems(kind as Kind, obj as KindMap[Kind])).toEqual([message]);
  });

  it("accepts dotted names where a subdomain is allowed", () => {
    expect(problems("Pod", pod("web.v1"))).toEqual([]);
  });
});

describe("labels", () => {
  it("reports an invalid label key and value under metadata.labels", () => {
    const p = pod("p");
    p.metadata.labels = { "-bad": "ok", app: "no spaces" };
    expect(problems("Pod", p)).toEqual([
      `metadata.labels: Invalid value: "-bad": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      `metadata.labels: Invalid value: "no spaces": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ]);
  });
});

describe("Deployment (apps/validation)", () => {
  it.each([
    ["negative replicas", deployment("web", { replicas: -1 }), ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]],
    [
      "selector not matching the template",
      deployment("web", { selector: { matchLabels: { app: "api" } } }),
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
    ],
    [
      "empty selector",
      deployment("web", { selector: {} }),
      ["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"],
    ],
    ["restartPolicy Never", deployment("web", {}, { restartPolicy: "Never" }), ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']],
    [
      "maxSurge and maxUnavailable both 0",
      deployment("web", { strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }),
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0'],
    ],
    [
      "rollingUpdate with Recreate",
      deployment("web", { strategy: { type: "Recreate", rollingUpdate: { maxSurge: 1 } } }),
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ],
    [
      "progressDeadlineSeconds not above minReadySeconds",
      deployment("web", { minReadySeconds: 30, progressDeadlineSeconds: 30 }),
      ["spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds"],
    ],
  ])("%s", (_what, d, want) => {
    expect(problems("Deployment", d)).toEqual(want);
  });

  it("selector is immutable", () => {
    const next = deployment("web", { selector: { matchLabels: { app: "web", tier: "x" } } });
    next.spec.template.metadata!.labels = { app: "web", tier: "x" };
    expect(problems("Deployment", next, deployment("web"))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });
});

describe("containers", () => {
  it.each([
    ["no containers", { containers: [] }, ["spec.containers: Required value"]],
    ["missing image", { containers: [container({ image: undefined })] }, ["spec.containers[0].image: Required value"]],
    ["container name not a DNS label", { containers: [container({ name: "App" })] }, [`spec.containers[0].name: Invalid value: "App": ${LABEL}`]],
    ["duplicate container names", { containers: [container(), container()] }, ['spec.containers[1].name: Duplicate value: "app"']],
    ["port out of range", { containers: [container({ ports: [{ containerPort: 70000 }] })] }, ["spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"]],
    [
      "request above limit",
      { containers: [container({ resources: resources({ cpu: "600m" }, { cpu: "500m" }) })] },
      ['spec.containers[0].resources.requests: Invalid value: "600m": must be less than or equal to cpu limit of 500m'],
    ],
    ["unknown resource name", { containers: [container({ resources: resources({ cpus: "1" }) })] }, ['spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource for containers']],
    ["probe without handler", { containers: [container({ readinessProbe: { periodSeconds: 5 } })] }, ["spec.containers[0].readinessProbe: Required value: must specify a handler type"]],
    [
      "probe with two handlers",
      { containers: [container({ livenessProbe: { exec: { command: ["true"] }, httpGet: { port: 80 } } })] },
      ["spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type"],
    ],
    ["liveness successThreshold", { containers: [container({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } })] }, ["spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"]],
    ["startup successThreshold", { containers: [container({ startupProbe: { tcpSocket: { port: 80 }, successThreshold: 3 } })] }, ["spec.containers[0].startupProbe.successThreshold: Invalid value: 3: must be 1"]],
    ["negative failureThreshold", { containers: [container({ readinessProbe: { tcpSocket: { port: 80 }, failureThreshold: -1 } })] }, ["spec.containers[0].readinessProbe.failureThreshold: Invalid value: -1: must be greater than or equal to 0"]],
    ["probe port name too long", { containers: [container({ readinessProbe: { httpGet: { port: "a-very-long-port-name" } } })] }, ['spec.containers[0].readinessProbe.httpGet.port: Invalid value: "a-very-long-port-name": must be no more than 15 characters']],
  ])("%s", (_what, spec, want) => {
    expect(problems("Pod", pod("p", spec as never))).toEqual(want);
  });
});

describe("tolerations", () => {
  it.each([
    [{ operator: "Equal" as const, value: "x" }, ['spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"']],
    [{ key: "k", effect: "NoSchedule" as const, tolerationSeconds: 10 }, ["spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"]],
    [
      { key: "k", operator: "Exists" as const, value: "v" },
      ['spec.tolerations[0].operator: Invalid value: core.Toleration{Key:"k", Operator:"Exists", Value:"v", Effect:"", TolerationSeconds:(*int64)(nil)}: value must be empty when `operator` is \'Exists\''],
    ],
  ])("%j", (toleration, want) => {
    expect(problems("Pod", pod("p", { tolerations: [toleration] }))).toEqual(want);
  });
});

describe("Pod updates", () => {
  const FORBIDDEN =
    "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

  it("allows an image change", () => {
    expect(problems("Pod", pod("p", { containers: [container({ image: "nginx:1.26" })] }), pod("p"))).toEqual([]);
  });

  it("allows adding a toleration", () => {
    expect(problems("Pod", pod("p", { tolerations: [{ key: "k", operator: "Exists" }] }), pod("p"))).toEqual([]);
  });

  it("forbids changing anything else", () => {
    expect(problems("Pod", pod("p", { containers: [container({ ports: [{ containerPort: 80 }] })] }), pod("p"))).toEqual([FORBIDDEN]);
  });

  it("forbids removing a toleration", () => {
    const old = pod("p", { tolerations: [{ key: "k", operator: "Exists" }] });
    expect(problems("Pod", pod("p"), old)).toContain("spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds");
  });

  it("activeDeadlineSeconds may only shrink", () => {
    expect(problems("Pod", pod("p", { activeDeadlineSeconds: 60 }), pod("p", { activeDeadlineSeconds: 30 }))).toEqual([
      "spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value",
    ]);
  });
});

describe("Job (batch/validation)", () => {
  it("a Job template must not restart Always", () => {
    const j = job("pi");
    j.spec.template.spec.restartPolicy = undefined;
    expect(problems("Job", { ...j, spec: { ...j.spec, selector: { matchLabels: { a: "b" } }, manualSelector: true, template: { ...j.spec.template, metadata: { labels: { a: "b" } } } } })).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    ]);
  });

  it("needs a selector", () => {
    expect(problems("Job", job("pi"))).toEqual(["spec.selector: Required value"]);
  });
});

describe("Service", () => {
  it.each([
    ["no ports", service("web", { ports: [] }), ["spec.ports: Required value"]],
    [
      "port out of range (targetPort defaults to it)",
      service("web", { ports: [{ port: 0 }] }),
      ["spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive", "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive"],
    ],
    ["unnamed ports when there are several", service("web", { ports: [{ port: 80 }, { port: 443 }] }), ["spec.ports[0].name: Required value", "spec.ports[1].name: Required value"]],
    [
      "duplicate port names",
      service("web", { ports: [{ name: "http", port: 80 }, { name: "http", port: 8080 }] }),
      ['spec.ports[1].name: Duplicate value: "http"'],
    ],
    ["nodePort on a ClusterIP Service", service("web", { ports: [{ port: 80, nodePort: 30080 }] }), ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]],
    ["headless NodePort", service("web", { type: "NodePort", clusterIP: "None" }), ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"]],
    ["headless ClusterIP without ports is fine", service("web", { clusterIP: "None", ports: [] }), []],
  ])("%s", (_what, svc, want) => {
    expect(problems("Service", svc)).toEqual(want);
  });

  it("clusterIP may not change once set", () => {
    const old = service("web", { clusterIP: "10.96.1.1" });
    expect(problems("Service", service("web", { clusterIP: "10.96.1.2" }), old)).toEqual([
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.1.2"}: may not change once set',
    ]);
  });
});

describe("Node taints", () => {
  it("reports duplicate key/effect pairs", () => {
    const node = { apiVersion: "v1" as const, kind: "Node" as const, metadata: { name: "n1" }, spec: { taints: [{ key: "a", effect: "NoSchedule" as const }, { key: "a", value: "x", effect: "NoSchedule" as const }] } };
    expect(problems("Node", node)).toEqual(['spec.taints[1]: Duplicate value: "a:NoSchedule"']);
  });
});
