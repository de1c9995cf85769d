import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../../server/observability/logger.ts";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { lines, destination };
}

describe("structured logs", () => {
  it("writes one JSON object per line with level, time, service and the given fields", () => {
    const { lines, destination } = capture();
    createLogger({ level: "info", destination }).child({ roomId: "K7QP2M" }).info({ players: 3 }, "drill started");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, service: "crashloop", roomId: "K7QP2M", players: 3, msg: "drill started" });
    expect(typeof lines[0].time).toBe("string");
  });

  it("redacts host tokens and passwords", () => {
    const { lines, destination } = capture();
    createLogger({ level: "info", destination }).info({ hostToken: "abc", options: { hostToken: "def", password: "pw" } }, "created");
    expect(JSON.stringify(lines[0])).not.toMatch(/abc|def|"pw"/);
  });

  it("takes its level from LOG_LEVEL", () => {
    const { lines, destination } = capture();
    const log = createLogger({ destination }, { LOG_LEVEL: "warn" });
    log.info("quiet");
    log.warn("loud");
    expect(lines.map((l) => l.msg)).toEqual(["loud"]);
  });
});
