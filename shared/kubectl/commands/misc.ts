/** version, cluster-info, api-resources, config, options, and Crashloop's `trace` placeholder. */
import type { CommandContext, CommandDef } from "../context.ts";
import { OUTPUT } from "../common-flags.ts";
import { optionsHelp } from "../help.ts";
import { RESOURCE_TYPES } from "../resources.ts";
import { tabwrite, TABLE_TABWRITER } from "../printers/tabwriter.ts";
import { toJson, toYaml } from "../output.ts";

const KUSTOMIZE_VERSION = "v5.0.4-0.20230601165947-6ce0bf390ce3";

/** The API server's address: the first control-plane node's IP, else the kubeadm default. */
function apiServer(ctx: CommandContext): string {
  const nodes = ctx.cluster.list("Node");
  const cp = nodes.find((n) => n.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined) ?? nodes[0];
  const ip = cp?.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? "192.168.10.2";
  return `https://${ip}:6443`;
}

function contextName(ctx: CommandContext): string {
  return `kubernetes-admin@${ctx.cluster.state.config.clusterName}`;
}

export const versionCommand: CommandDef = {
  name: "version",
  group: "Other Commands",
  short: "Print the client and server version information",
  use: "kubectl version [flags] [options]",
  flags: [OUTPUT, { name: "client", type: "bool", default: false, usage: "If true, shows client version only (no server required)." }],
  run(ctx) {
    const v = ctx.cluster.state.config.kubernetesVersion;
    const o = ctx.flags.str("output");
    const client = { major: "1", minor: v.split(".")[1] ?? "30", gitVersion: v, platform: "linux/amd64" };
    const data = { clientVersion: client, kustomizeVersion: KUSTOMIZE_VERSION, ...(ctx.flags.bool("client") ? {} : { serverVersion: client }) };
    if (o === "json") ctx.write(toJson(data));
    else if (o === "yaml") ctx.write(toYaml(data));
    else if (o) return ctx.fail(`--output must be 'yaml' or 'json'`);
    else ctx.print(`Client Version: ${v}\nKustomize Version: ${KUSTOMIZE_VERSION}${ctx.flags.bool("client") ? "" : `\nServer Version: ${v}`}`);
    return 0;
  },
};

export const clusterInfoCommand: CommandDef = {
  name: "cluster-info",
  group: "Cluster Management Commands",
  short: "Display cluster information",
  use: "kubectl cluster-info [flags] [options]",
  flags: [],
  run(ctx) {
    const server = apiServer(ctx);
    const lines = [`Kubernetes control plane is running at ${server}`];
    const dns = ctx.cluster.get("Service", "kube-system", "kube-dns");
    if (dns) lines.push(`CoreDNS is running at ${server}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy`);
    lines.push("", "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.");
    ctx.print(lines.join("\n"));
    return 0;
  },
};

export const apiResourcesCommand: CommandDef = {
  name: "api-resources",
  group: "Other Commands",
  short: "Print the supported API resources on the server",
  use: "kubectl api-resources [flags] [options]",
  flags: [
    { name: "namespaced", type: "bool", default: true, usage: "If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default." },
    { name: "no-headers", type: "bool", default: false, usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    OUTPUT,
  ],
  run(ctx) {
    let types = RESOURCE_TYPES;
    if (ctx.flags.has("namespaced")) types = types.filter((t) => t.namespaced === ctx.flags.bool("namespaced"));
    if (ctx.flags.str("output") === "name") {
      ctx.write(types.map((t) => (t.group ? `${t.plural}.${t.group}` : t.plural) + "\n").join(""));
      return 0;
    }
    const rows = ctx.flags.bool("no-headers") ? [] : [["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]];
    for (const t of types) rows.push([t.plural, t.shortNames.join(","), t.apiVersion, String(t.namespaced), t.kind]);
    ctx.write(tabwrite(rows.map((r) => r.join("\t") + "\n").join(""), TABLE_TABWRITER));
    return 0;
  },
};

const NO_KUBECONFIG = "Crashloop's terminal has no kubeconfig to change: pass -n NAMESPACE to each command instead";

export const configCommand: CommandDef = {
  name: "config",
  group: "Other Commands",
  short: "Modify kubeconfig files",
  use: "kubectl config SUBCOMMAND [options]",
  flags: [],
  subcommands: [
    { name: "current-context", group: "", short: "Display the current-context", use: "kubectl config current-context [options]", flags: [], run: (ctx) => (ctx.print(contextName(ctx)), 0) },
    {
      name: "get-contexts",
      group: "",
      short: "Describe one or many contexts",
      use: "kubectl config get-contexts [(-o|--output=)name)] [options]",
      flags: [OUTPUT],
      run(ctx) {
        if (ctx.flags.str("output") === "name") ctx.print(contextName(ctx));
        else {
          const name = ctx.cluster.state.config.clusterName;
          ctx.write(tabwrite(`CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n*\t${contextName(ctx)}\t${name}\tkubernetes-admin\t\n`, TABLE_TABWRITER));
        }
        return 0;
      },
    },
    {
      name: "view",
      group: "",
      short: "Display merged kubeconfig settings or a specified kubeconfig file",
      use: "kubectl config view [flags] [options]",
      flags: [OUTPUT, { name: "minify", type: "bool", default: false, usage: "Remove all information not used by current-context from the output" }],
      run(ctx) {
        const name = ctx.cluster.state.config.clusterName;
        const cfg = {
          apiVersion: "v1",
          clusters: [{ cluster: { "certificate-authority-data": "DATA+OMITTED", server: apiServer(ctx) }, name }],
          contexts: [{ context: { cluster: name, user: "kubernetes-admin" }, name: contextName(ctx) }],
          "current-context": contextName(ctx),
          kind: "Config",
          preferences: {},
          users: [{ name: "kubernetes-admin", user: { "client-certificate-data": "DATA+OMITTED", "client-key-data": "DATA+OMITTED" } }],
        };
        ctx.write(ctx.flags.str("output") === "json" ? toJson(cfg) : toYaml(cfg));
        return 0;
      },
    },
    ...["use-context", "set-context", "set-cluster", "set-credentials", "delete-context", "rename-context", "set", "unset"].map(
      (name): CommandDef => ({
        name,
        group: "",
        short: `(not available in Crashloop) kubectl config ${name}`,
        use: `kubectl config ${name} [options]`,
        flags: [
          { name: "current", type: "bool", default: false, usage: "Modify the current context" },
          { name: "namespace", type: "string", usage: "namespace for the context entry in kubeconfig" },
        ],
        run: (ctx) => ctx.fail(NO_KUBECONFIG),
      }),
    ),
  ],
};

export const optionsCommand: CommandDef = {
  name: "options",
  group: "",
  short: "Print the list of flags inherited by all commands",
  use: "kubectl options [options]",
  flags: [],
  run: (ctx) => (ctx.write(optionsHelp()), 0),
};

