/** `kubectl set image` and `kubectl set resources` on Pods and the pod templates of workloads. */
import type { Container, PodSpec } from "../../k8s/schema/pod.ts";
import type { Stored } from "../../k8s/kinds.ts";
import { parseQuantityExact } from "../../k8s/quantity.ts";
import type { CommandContext, CommandDef } from "../context.ts";
import { ALL, SELECTOR } from "../common-flags.ts";
import { findTargets, podSpecPath, refOf, writeBack, type Target } from "../writes.ts";

/** Split args into resource args and `name=value` pairs (the first containing `=`). */
function splitAssignments(args: readonly string[]): { resources: string[]; pairs: string[] } {
  const i = args.findIndex((a) => a.includes("="));
  return i < 0 ? { resources: [...args], pairs: [] } : { resources: args.slice(0, i), pairs: args.slice(i) };
}

function specOf(t: Target): PodSpec | undefined {
  const o = t.object as unknown as { spec?: PodSpec & { template?: { spec?: PodSpec } } };
  const path = podSpecPath(t.object.kind as never);
  if (path === "template") return o.spec?.template?.spec;
  if (path === "pod") return o.spec;
  return undefined;
}

function withSpec(t: Target, spec: PodSpec): Record<string, unknown> {
  const o = t.object as unknown as Record<string, unknown> & { spec: Record<string, unknown> & { template?: Record<string, unknown> } };
  if (podSpecPath(t.object.kind as never) === "template") return { ...o, spec: { ...o.spec, template: { ...o.spec.template, spec } } };
  return { ...o, spec };
}

function runSetImage(ctx: CommandContext): number {
  const { resources, pairs } = splitAssignments(ctx.args);
  if (pairs.length === 0) return ctx.usageError("at least one image update is required");
  const images = new Map<string, string>();
  for (const p of pairs) {
    const i = p.indexOf("=");
    if (i <= 0 || i === p.length - 1) return ctx.fail(`invalid image update: ${p}`);
    images.set(p.slice(0, i), p.slice(i + 1));
  }
  const found = findTargets(ctx, resources, { selector: ctx.flags.str("selector"), all: ctx.flags.bool("all") });
  if (!found.ok) return ctx.fail(found.error);
  let code = 0;
  for (const t of found.value.targets) {
    const spec = specOf(t);
    if (!spec) {
      ctx.warn(`error: ${refOf(t)} is not a workload with containers`);
      code = 1;
      continue;
    }
    const all = [...(spec.initContainers ?? []), ...spec.containers].map((c) => c.name);
    for (const name of images.keys()) {
      if (name !== "*" && !all.includes(name)) {
        ctx.warn(`error: unable to find container named "${name}"`);
        return 1;
      }
    }
    const set = (c: Container) => (images.has(c.name) ? { ...c, image: images.get(c.name)! } : images.has("*") ? { ...c, image: images.get("*")! } : c);
    const next: PodSpec = { ...spec, containers: spec.containers.map(set), ...(spec.initContainers ? { initContainers: spec.initContainers.map(set) } : {}) };
    const w = writeBack(ctx, t.object, withSpec(t, next));
    if (!w.ok) {
      ctx.warn(w.error);
      code = 1;
      continue;
    }
    ctx.print(`${refOf(t)} image updated`);
  }
  for (const e of found.value.errors) ctx.warn(e);
  return found.value.errors.length ? 1 : code;
}

/** `cpu=200m,memory=512Mi` ⇒ a ResourceList; quantities checked like the API does. */
function parseResourceList(s: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const part of s.split(",")) {
    if (part === "") continue;
    const i = part.indexOf("=");
    if (i <= 0) return `invalid argument syntax ${part}`;
    const v = part.slice(i + 1);
    try {
      parseQuantityExact(v);
    } catch {
      return `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`;
    }
    out[part.slice(0, i)] = v;
  }
  return out;
}

function runSetResources(ctx: CommandContext): number {
  const f = ctx.flags;
  const limits = parseResourceList(f.str("limits"));
  const requests = parseResourceList(f.str("requests"));
  if (typeof limits === "string") return ctx.fail(limits);
  if (typeof requests === "string") return ctx.fail(requests);
  if (!Object.keys(limits).length && !Object.keys(requests).length) return ctx.fail("you must specify an update to requests or limits (in the form of --requests/--limits)");
  const found = findTargets(ctx, ctx.args, { selector: f.str("selector"), all: f.bool("all") });
  if (!found.ok) return ctx.fail(found.error);
  const only = f.str("containers") || "*";
  const re = new RegExp(`^${only.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
  let code = 0;
  for (const t of found.value.targets) {
    const spec = specOf(t);
    if (!spec) continue;
    if (!spec.containers.some((c) => re.test(c.name))) {
      ctx.warn(`error: unable to find container named ${only}`);
      code = 1;
      continue;
    }
    const next: PodSpec = {
      ...spec,
      containers: spec.containers.map((c) =>
        re.test(c.name)
          ? {
              ...c,
              resources: {
                ...(c.resources ?? {}),
                ...(Object.keys(limits).length ? { limits: { ...(c.resources?.limits ?? {}), ...limits } } : {}),
                ...(Object.keys(requests).length ? { requests: { ...(c.resources?.requests ?? {}), ...requests } } : {}),
              },
            }
          : c,
      ),
    };
    const w = writeBack(ctx, t.object as Stored, withSpec(t, next));
    if (!w.ok) {
      ctx.warn(w.error);
      code = 1;
      continue;
    }
    ctx.print(`${refOf(t)} resource requirements updated`);
  }
  for (const e of found.value.errors) ctx.warn(e);
  return found.value.errors.length ? 1 : code;
}

const setImage: CommandDef = {
  name: "image",
  group: "",
  short: "Update the image of a pod template",
  use: "kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]",
  examples: `  # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
  kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1

  # Update image of all containers of daemonset abc to 'nginx:1.9.1'
  kubectl set image daemonset abc *=nginx:1.9.1`,
  flags: [SELECTOR, ALL],
  run: runSetImage,
};

const setResources: CommandDef = {
  name: "resources",
  group: "",
  short: "Update resource requests/limits on objects with pod templates",
  use: "kubectl set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]",
  examples: `  # Set a deployments nginx container cpu limits to "200m" and memory to "512Mi"
  kubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi

  # Set the resource request and limits for all containers in nginx
  kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi`,
  flags: [
    { name: "containers", short: "c", type: "string", default: "*", usage: "The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards" },
    { name: "limits", type: "string", usage: "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'." },
    { name: "requests", type: "string", usage: "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'." },
    SELECTOR,
    ALL,
  ],
  run: runSetResources,
};

export const setCommand: CommandDef = {
  name: "set",
  group: "Basic Commands (Beginner)",
  short: "Set specific features on objects",
  use: "kubectl set SUBCOMMAND [options]",
  flags: [],
  subcommands: [setImage, setResources],
};
