import type { Container, Pod } from "../../shared/k8s/schema/pod.ts";
import type { Deployment, Job } from "../../shared/k8s/schema/workloads.ts";
import type { Service } from "../../shared/k8s/schema/service.ts";

/** Fixtures for the admission (defaulting and validation) tests: manifests as a user writes them. */

export function container(over: Partial<Container> = {}): Container {
  return { name: "app", image: "nginx:1.25", ...over };
}

/** A container with cpu/memory requests and limits; `undefined` leaves the list out. */
export function resources(requests?: Record<string, string>, limits?: Record<string, string>): Container["resources"] {
  return { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
}

export function pod(name = "web-0", spec: Partial<Pod["spec"]> = {}): Pod {
  return { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default" }, spec: { containers: [container()], ...spec } };
}

export function deployment(name = "web", spec: Partial<Deployment["spec"]> = {}, podSpec: Partial<Pod["spec"]> = {}): Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [container()], ...podSpec } },
      ...spec,
    },
  };
}

export function job(name = "pi", spec: Partial<Job["spec"]> = {}): Job {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, namespace: "default" },
    spec: { template: { spec: { restartPolicy: "Never", containers: [container({ name: "pi", image: "perl:5.34" })] } }, ...spec },
  };
}

export function service(name = "web", spec: Partial<Service["spec"]> = {}): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: "default" },
    spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec },
  };
}
