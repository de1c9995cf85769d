/** `kubectl create -f -` and the generators: deployment, namespace, configmap, secret generic. */
import { base64OfString } from "../../k8s/defaults/index.ts";
import type { CommandContext, CommandDef } from "../context.ts";
import { DRY_RUN, FILENAME, OUTPUT } from "../common-flags.ts";
import { formatApiError } from "../api-errors.ts";
import { applyManifests } from "./apply.ts";
import { parseOutputFormat, printObjects } from "../output.ts";
import type { Stored } from "../../k8s/kinds.ts";

/** Send a generated object; print `kind/name created` or the object in the -o format. */
function createGenerated(ctx: CommandContext, obj: Record<string, unknown>, ref: string): number {
  const dry = ctx.flags.str("dry-run");
  const o = ctx.flags.str("output");
  if (dry === "client") {
    if (o) {
      const fmt = parseOutputFormat(o);
      if (!fmt.ok) return ctx.fail(fmt.error);
      if (fmt.value.kind === "table") return ctx.fail(`unable to match a printer suitable for the output format "${o}"`);
      const printed = printObjects([asClientObject(obj) as unknown as Stored], fmt.value, true);
      if (!printed.ok) return ctx.fail(printed.error);
      ctx.write(printed.value);
      return 0;
    }
    ctx.print(`${ref} created (dry run)`);
    return 0;
  }
  const r = ctx.cluster.create(obj, ctx.namespace);
  if (!r.ok) return ctx.fail(formatApiError(r.error));
  ctx.print(`${ref} created`);
  return 0;
}

/** How a client-side object prints: Go's zero creationTimestamp is `null`, empty status `{}`. */
function asClientObject(obj: Record<string, unknown>): Record<string, unknown> {
  const meta = obj.metadata as Record<string, unknown>;
  const out: Record<string, unknown> = { ...obj, metadata: { creationTimestamp: null, ...meta } };
  const spec = obj.spec as { template?: { metadata?: Record<string, unknown> } } | undefined;
  if (spec?.template) out.spec = { ...spec, template: { ...spec.template, metadata: { creationTimestamp: null, ...spec.template.metadata } } };
  if (obj.kind === "Deployment" || obj.kind === "Namespace") out.status = {};
  return out;
}

function requireName(ctx: CommandContext): string | undefined {
  if (ctx.args.length === 0) {
    ctx.usageError("exactly one NAME is required, got 0");
    return undefined;
  }
  if (ctx.args.length > 1) {
    ctx.usageError(`exactly one NAME is required, got ${ctx.args.length}`);
    return undefined;
  }
  return ctx.args[0];
}

/** kubectl create deployment names the container after the image: `registry/nginx:1.25` ⇒ `nginx`. */
export function containerNameForImage(image: string): string {
  const last = image.split("/").pop() ?? image;
  return last.split("@")[0].split(":")[0].toLowerCase().replace(/[^a-z0-9-]/g, "-");
}

function literals(ctx: CommandContext): Record<string, string> | undefined {
  const data: Record<string, string> = {};
  for (const lit of ctx.flags.list("from-literal")) {
    const i = lit.indexOf("=");
    if (i <= 0) {
      ctx.fail(`invalid literal source ${lit}, expected key=value`);
      return undefined;
    }
    const key = lit.slice(0, i);
    if (key in data) {
      ctx.fail(`cannot add key ${key}, another key by that name already exists in data: map[${Object.keys(data).map((k) => `${k}:${data[k]}`).join(" ")}]`);
      return undefined;
    }
    data[key] = lit.slice(i + 1);
  }
  return data;
}

const GEN_FLAGS = [DRY_RUN, OUTPUT];

const createDeployment: CommandDef = {
  name: "deployment",
  aliases: ["deploy"],
  group: "",
  short: "Create a deployment with the specified name",
  use: "kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]",
  examples: `  # Create a deployment named my-dep that runs the busybox image
  kubectl create deployment my-dep --image=busybox

  # Create a deployment named my-dep that runs the nginx image with 3 replicas
  kubectl create deployment my-dep --image=nginx --replicas=3`,
  flags: [
    { name: "image", type: "stringArray", usage: "Image names to run. A deployment can have multiple images set for multi-container pod." },
    { name: "replicas", short: "r", type: "int", default: 1, usage: "Number of replicas to create. Default is 1." },
    { name: "port", type: "int", default: -1, usage: "The containerPort that this deployment exposes." },
    ...GEN_FLAGS,
  ],
  run(ctx) {
    const named = ctx.dashAt >= 0 ? ctx.dashAt : ctx.args.length;
    if (named !== 1) return ctx.usageError(`exactly one NAME is required, got ${named}`);
    const name = ctx.args[0];
    const images = ctx.flags.list("image");
    if (images.length === 0) return ctx.fail(`required flag(s) "image" not set`);
    const port = ctx.flags.int("port") ?? -1;
    if (port >= 0 && images.length > 1) return ctx.fail("cannot specify port with more than one image");
    const command = ctx.dashAt >= 0 ? ctx.args.slice(ctx.dashAt) : [];
    const labels = { app: name };
    const obj = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, labels },
      spec: {
        replicas: ctx.flags.int("replicas") ?? 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: images.map((image) => ({
              name: containerNameForImage(image),
              image,
              ...(command.length ? { command } : {}),
              ...(port >= 0 ? { ports: [{ containerPort: port }] } : {}),
              resources: {},
            })),
          },
        },
        strategy: {},
      },
    };
    return createGenerated(ctx, obj, `deployment.apps/${name}`);
  },
};

const createNamespace: CommandDef = {
  name: "namespace",
  aliases: ["ns"],
  group: "",
  short: "Create a namespace with the specified name",
  use: "kubectl create namespace NAME [--dry-run=server|client|none] [options]",
  flags: GEN_FLAGS,
  run(ctx) {
    const name = requireName(ctx);
    if (name === undefined) return 1;
    return createGenerated(ctx, { apiVersion: "v1", kind: "Namespace", metadata: { name } }, `namespace/${name}`);
  },
};

const createConfigMap: CommandDef = {
  name: "configmap",
  aliases: ["cm"],
  group: "",
  short: "Create a config map from a local file, directory or literal value",
  use: "kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]",
  flags: [{ name: "from-literal", type: "stringArray", usage: "Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)" }, ...GEN_FLAGS],
  run(ctx) {
    const name = requireName(ctx);
    if (name === undefined) return 1;
    const data = literals(ctx);
    if (!data) return 1;
    return createGenerated(ctx, { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, ...(Object.keys(data).length ? { data } : {}) }, `configmap/${name}`);
  },
};

const createSecretGeneric: CommandDef = {
  name: "generic",
  group: "",
  short: "Create a secret from a local file, directory, or literal value",
  use: "kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]",
  flags: [
    { name: "from-literal", type: "stringArray", usage: "Specify a key and literal value to insert in secret (i.e. mykey=somevalue)" },
    { name: "type", type: "string", usage: "The type of secret to create" },
    ...GEN_FLAGS,
  ],
  run(ctx) {
    const name = requireName(ctx);
    if (name === undefined) return 1;
    const data = literals(ctx);
    if (!data) return 1;
    const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, base64OfString(v)]));
    const type = ctx.flags.str("type");
    return createGenerated(
      ctx,
      { apiVersion: "v1", kind: "Secret", metadata: { name }, ...(type ? { type } : {}), ...(Object.keys(encoded).length ? { data: encoded } : {}) },
      `secret/${name}`,
    );
  },
};

/** `kubectl create secret` only dispatches to its generators; generic is the one simulated. */
const createSecret: CommandDef = {
  name: "secret",
  group: "",
  short: "Create a secret using a specified subcommand",
  use: "kubectl create secret (docker-registry | generic | tls) [options]",
  flags: createSecretGeneric.flags,
  subcommands: [createSecretGeneric],
  run(ctx) {
    const [sub, ...rest] = ctx.args;
    if (sub !== "generic") {
      if (sub === undefined) return ctx.fail("a secret type is required: generic (docker-registry and tls are not simulated)");
      return ctx.fail(`unknown command "${sub}" for "kubectl create secret"`);
    }
    ctx.args.splice(0, ctx.args.length, ...rest);
    return createSecretGeneric.run!(ctx);
  },
};

export const createCommand: CommandDef = {
  name: "create",
  group: "Basic Commands (Beginner)",
  short: "Create a resource from a file or from stdin",
  use: "kubectl create -f FILENAME [options]",
  examples: `  # Create a pod based on the JSON passed into stdin
  cat pod.json | kubectl create -f -`,
  flags: [FILENAME, DRY_RUN, OUTPUT, { name: "save-config", type: "bool", default: false, usage: "If true, the configuration of current object will be saved in its annotation." }],
  subcommands: [createDeployment, createNamespace, createConfigMap, createSecret],
  run(ctx) {
    if (ctx.flags.list("filename").length === 0) {
      if (ctx.args.length > 0) return ctx.usageError(`unknown command "${ctx.args.join(" ")}"`);
      return ctx.fail("must specify one of -f and -k");
    }
    return applyManifests(ctx, "create");
  },
};
