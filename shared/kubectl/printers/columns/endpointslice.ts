import type { EndpointSlice } from "../../../k8s/schema/service.ts";
import { translateTimestampSince } from "../../../k8s/printers/timestamp.ts";
import { col, type ColumnSet } from "./types.ts";

const MAXIMUM = 3;

/** listWithMoreString: the first three, then ` + N more...`; `<unset>` for none. */
function listWithMore(items: string[]): string {
  const shown = items.slice(0, MAXIMUM).join(",");
  if (items.length > MAXIMUM) return `${shown} + ${items.length - MAXIMUM} more...`;
  return shown === "" ? "<unset>" : shown;
}

/** formatDiscoveryPorts: the port number, else its name, else `*`. */
export function formatDiscoveryPorts(ports: EndpointSlice["ports"]): string {
  return listWithMore((ports ?? []).map((p) => (p.port != null ? String(p.port) : p.name != null ? p.name : "*")));
}

/** formatDiscoveryEndpoints: every address of every endpoint, ready or not. */
export function formatDiscoveryEndpoints(endpoints: EndpointSlice["endpoints"]): string {
  return listWithMore((endpoints ?? []).flatMap((e) => e.addresses));
}

export const endpointSliceColumns: ColumnSet<"EndpointSlice"> = {
  columns: [col("Name"), col("AddressType"), col("Ports"), col("Endpoints"), col("Age")],
  nameColumn: 0,
  row(eps, { nowMs }) {
    return [
      eps.metadata.name,
      eps.addressType,
      formatDiscoveryPorts(eps.ports),
      formatDiscoveryEndpoints(eps.endpoints),
      translateTimestampSince(eps.metadata.creationTimestamp, nowMs),
    ];
  },
};
