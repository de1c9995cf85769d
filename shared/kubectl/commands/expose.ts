/** `kubectl expose (deployment|replicaset|pod|service) NAME --port=... [--target-port] [--type] [--name]`. */
import type { Stored } from "../../k8s/kinds.ts";
import type { CommandContext, CommandDef } from "../context.ts";
import { DRY_RUN } from "../common-flags.ts";
import { formatApiError } from "../api-errors.ts";
import { findTargets } from "../writes.ts";

interface Exposable {
  selector?: Record<string, string>;
  ports: { port: number; protocol?: string; name?: string }[];
}

/** What kubectl's MapBasedSelectorForObject and PortsForObject read from each kind. */
function introspect(o: Stored): Exposable | string {
  const anyO = o as unknown as Record<string, any>;
  const containerPorts = (spec: any) => (spec?.containers ?? []).flatMap((c: any) => (c.ports ?? []).map((p: any) => ({ port: p.containerPort, protocol: p.protocol, name: p.name })));
  switch (o.kind) {
    case "Pod":
      return { selector: o.metadata.labels, ports: containerPorts(anyO.spec) };
    case "Service":
      return { selector: anyO.spec.selector, ports: (anyO.spec.ports ?? []).map((p: any) => ({ port: p.port, protocol: p.protocol, name: p.name })) };
    case "Deployment":
    case "ReplicaSet": {
      const sel = anyO.spec.selector;
      if (sel?.matchExpressions?.length) return `couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`;
      return { selector: sel?.matchLabels, ports: containerPorts(anyO.spec.template?.spec) };
    }
    default:
      return `cannot expose a ${o.kind}`;
  }
}

function runExpose(ctx: CommandContext): number {
  const f = ctx.flags;
  if (ctx.args.length === 0) return ctx.usageError("You must provide one or more resources by argument or filename.");
  const found = findTargets(ctx, ctx.args);
  if (!found.ok) return ctx.fail(found.error);
  if (found.value.errors.length) return ctx.fail(found.value.errors[0]);
  for (const t of found.value.targets) {
    const info = introspect(t.object);
    if (typeof info === "string") return ctx.fail(info);
    const selector = f.str("selector") ? Object.fromEntries(f.str("selector").split(",").map((kv) => kv.split("=") as [string, string])) : info.selector;
    if (!selector || Object.keys(selector).length === 0) return ctx.fail(`couldn't retrieve selectors via --selector flag or introspection: the ${t.object.kind.toLowerCase()} has no labels`);
    let ports = info.ports;
    if (f.str("port")) ports = [{ port: Number(f.str("port")), protocol: f.str("protocol") || undefined }];
    if (ports.length === 0 || ports.some((p) => !Number.isInteger(p.port))) return ctx.fail("couldn't find port via --port flag or introspection");
    const target = f.str("target-port");
    const name = f.str("name") || t.object.metadata.name;
    const type = f.str("type");
    const svc = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace: t.object.metadata.namespace, ...(t.object.metadata.labels ? { labels: t.object.metadata.labels } : {}) },
      spec: {
        selector,
        ports: ports.map((p, i) => ({
          ...(ports.length > 1 ? { name: p.name || `port-${i + 1}` } : {}),
          port: p.port,
          protocol: p.protocol || "TCP",
          targetPort: target ? (/^\d+$/.test(target) ? Number(target) : target) : p.port,
        })),
        ...(type ? { type } : {}),
      },
    };
    if (f.str("dry-run") === "client") {
      ctx.print(`service/${name} exposed (dry run)`);
      continue;
    }
    const r = ctx.cluster.create(svc, t.object.metadata.namespace);
    if (!r.ok) return ctx.fail(formatApiError(r.error));
    ctx.print(`service/${name} exposed`);
  }
  return 0;
}

export const exposeCommand: CommandDef = {
  name: "expose",
  group: "Basic Commands (Beginner)",
  short: "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service",
  use: "kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]",
  examples: `  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
  kubectl expose deployment nginx --port=80 --target-port=8000

  # Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
  kubectl expose pod valid-pod --port=444 --name=frontend`,
  flags: [
    { name: "port", type: "string", usage: "The port that the service should serve on. Copied from the resource being exposed, if unspecified" },
    { name: "target-port", type: "string", usage: "Name or number for the port on the container that the service should direct traffic to. Optional." },
    { name: "protocol", type: "string", usage: "The network protocol for the service to be created. Default is 'TCP'." },
    { name: "name", type: "string", usage: "The name for the newly created object." },
    { name: "type", type: "string", usage: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'." },
    { name: "selector", short: "l", type: "string", usage: "A label selector to use for this service. Only equality-based selector requirements are supported." },
    DRY_RUN,
  ],
  run: runExpose,
};
