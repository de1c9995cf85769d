import { describe, expect, it } from "vitest";
import { execIn, filesIn, logsUntil, plannedExit, startProcess } from "../../../../shared/sim/apps/process.ts";
import { logText, profileOf, shellPlan, START_UNIX_MS } from "../../../support/apps-builders.ts";

const HOUR = 3_600_000;

describe("busybox sh as PID 1: each construct", () => {
  it.each([
    ["echo hello", ["hello"], { afterMs: 0, exitCode: 0 }],
    ["echo -n no-newline", ["no-newline"], { afterMs: 0, exitCode: 0 }],
    ["exit 3", [], { afterMs: 0, exitCode: 3 }],
    ["sleep 5; echo done", ["done"], { afterMs: 5000, exitCode: 0 }],
    ["sleep 1.5", [], { afterMs: 1500, exitCode: 0 }],
    ["sleep 2m", [], { afterMs: 120_000, exitCode: 0 }],
    ["true && echo yes", ["yes"], { afterMs: 0, exitCode: 0 }],
    ["false && echo never", [], { afterMs: 0, exitCode: 1 }],
    ["false || echo fallback", ["fallback"], { afterMs: 0, exitCode: 0 }],
    ["false; echo after-semicolon", ["after-semicolon"], { afterMs: 0, exitCode: 0 }],
    ["false", [], { afterMs: 0, exitCode: 1 }],
    ["cat /missing", ["cat: can't open '/missing': No such file or directory"], { afterMs: 0, exitCode: 1 }],
    ["touch /tmp/f; cat /tmp/f && echo exists", ["exists"], { afterMs: 0, exitCode: 0 }],
    ["echo hi > /tmp/f; cat /tmp/f", ["hi"], { afterMs: 0, exitCode: 0 }],
    ["echo a > /tmp/f; echo b >> /tmp/f; cat /tmp/f", ["a", "b"], { afterMs: 0, exitCode: 0 }],
    ["touch /tmp/f; rm /tmp/f; cat /tmp/f", ["cat: can't open '/tmp/f': No such file or directory"], { afterMs: 0, exitCode: 1 }],
    ["rm /tmp/none", ["rm: can't remove '/tmp/none': No such file or directory"], { afterMs: 0, exitCode: 1 }],
    ["rm -f /tmp/none", [], { afterMs: 0, exitCode: 0 }],
    ["foo", ["sh: foo: not found"], { afterMs: 0, exitCode: 127 }],
    ["for i in 1 2 3; do echo $i; done", ["1", "2", "3"], { afterMs: 0, exitCode: 0 }],
    ["i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); sleep 1; done", ["0", "1", "2"], { afterMs: 3000, exitCode: 0 }],
    ["if [ -f /tmp/x ]; then echo yes; else echo no; fi", ["no"], { afterMs: 0, exitCode: 0 }],
    ["echo $((2 * (3 + 4)))", ["14"], { afterMs: 0, exitCode: 0 }],
    ["echo ${UNSET:-default}", ["default"], { afterMs: 0, exitCode: 0 }],
    ["echo 'single $X' \"double $X\"", ["single $X double 42"], { afterMs: 0, exitCode: 0 }],
    ["set -e; false; echo not reached", [], { afterMs: 0, exitCode: 1 }],
    ["echo one | cat", ["one"], { afterMs: 0, exitCode: 0 }],
    ["echo quiet > /dev/null", [], { afterMs: 0, exitCode: 0 }],
    ["sh -c 'exit 4'; echo $?", ["4"], { afterMs: 0, exitCode: 0 }],
    ["done", ['sh: syntax error: unexpected "done"'], { afterMs: 0, exitCode: 2 }],
  ])("%s", (script, expectedLines, exit) => {
    const plan = shellPlan(script, { env: { X: "42" } });
    expect(logText(plan, HOUR)).toEqual(expectedLines);
    expect(plannedExit(plan)).toEqual(exit);
  });

  it("date prints the simulated wall-clock time, as busybox formats it", () => {
    const plan = shellPlan("date; sleep 65; date");
    expect(logText(plan, HOUR)).toEqual(["Wed Jan  1 09:00:00 UTC 2025", "Wed Jan  1 09:01:05 UTC 2025"]);
  });

  it.each([["sleep infinity"], ["sleep 3600; sleep infinity"], ["tail -f /dev/null"], ["while true; do sleep 10; done"]])(
    "%s never exits",
    (script) => {
      expect(plannedExit(shellPlan(script))).toBeUndefined();
    },
  );
});

describe("the container runtime's ENTRYPOINT/CMD rules for shell images", () => {
  const bb = profileOf("busybox:1.36");
  const spec = { image: "docker.io/library/busybox:1.36", profile: bb, env: {}, mountedFiles: {} };

  it("a bare busybox runs `sh` with no stdin, which exits 0 at once (CrashLoopBackOff under restartPolicy Always)", () => {
    const plan = startProcess(spec);
    expect(plan.startError).toBeUndefined();
    expect(plannedExit(plan)).toEqual({ afterMs: 0, exitCode: 0 });
  });

  it("args alone replace CMD: [sleep, '3600'] sleeps an hour", () => {
    expect(plannedExit(startProcess({ ...spec, args: ["sleep", "3600"] }))).toEqual({ afterMs: 3_600_000, exitCode: 0 });
  });

  it("command replaces the ENTRYPOINT and drops CMD", () => {
    expect(plannedExit(startProcess({ ...spec, command: ["sleep"], args: ["10"] }))).toEqual({ afterMs: 10_000, exitCode: 0 });
  });

  it("Kubernetes expands $(VAR) in command and args before the shell sees them; $$ escapes", () => {
    const plan = startProcess({ ...spec, command: ["/bin/echo", "$(MESSAGE)", "$(UNDEFINED)", "$$(MESSAGE)"], env: { MESSAGE: "hello" } });
    expect(logText(plan, 0)).toEqual(["hello $(UNDEFINED) $(MESSAGE)"]);
  });

  it.each([
    [["foo"], 'exec: "foo": executable file not found in $PATH'],
    [["bash", "-c", "echo hi"], 'exec: "bash": executable file not found in $PATH'],
    [["/bin/bash"], 'exec: "/bin/bash": stat /bin/bash: no such file or directory'],
  ])("%j cannot start: runc's error as containerd reports it", (command, cause) => {
    const plan = startProcess({ ...spec, command });
    expect(plan.startError).toBe(
      `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${cause}: unknown`,
    );
    expect(plannedExit(plan)).toBeUndefined();
  });

  it("a script mounted from a ConfigMap runs with `sh /path`", () => {
    const plan = startProcess({ ...spec, command: ["sh", "/scripts/run.sh"], mountedFiles: { "/scripts/run.sh": "echo from file\nexit 7\n" } });
    expect(logText(plan, 0)).toEqual(["from file"]);
    expect(plannedExit(plan)).toEqual({ afterMs: 0, exitCode: 7 });
  });
});

describe("loops that run forever are periodic, not unrolled", () => {
  it("the docs' counter pod logs `N: date` every second, computed for any time", () => {
    const plan = shellPlan('i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done');
    expect(logText(plan, 2500)).toEqual(["0: Wed Jan  1 09:00:00 UTC 2025", "1: Wed Jan  1 09:00:01 UTC 2025", "2: Wed Jan  1 09:00:02 UTC 2025"]);
    expect(logsUntil(plan, 24 * HOUR, { tail: 1 })).toEqual([{ atMs: 24 * HOUR, line: "86400: Thu Jan  2 09:00:00 UTC 2025" }]);
    expect(JSON.stringify(plan).length).toBeLessThan(1000);
  });

  it("a loop that touches and removes a file alternates forever", () => {
    const plan = shellPlan("while true; do touch /tmp/a; sleep 5; rm /tmp/a; sleep 5; done");
    const exists = (t: number) => filesIn(plan, t).has("/tmp/a");
    expect([0, 4999, 5000, 9999, 10_000, 1_000_004_999, 1_000_005_000].map(exists)).toEqual([true, true, false, false, true, true, false]);
  });

  it("a loop that never sleeps burns a whole core", () => {
    const plan = shellPlan("while true; do :; done");
    expect(plan.cpuMillis).toBe(1000);
    expect(plannedExit(plan)).toBeUndefined();
  });

  it("--since and --tail bound what is computed", () => {
    const plan = shellPlan("while true; do echo tick; sleep 10; done");
    expect(logsUntil(plan, HOUR, { sinceMs: HOUR - 25_000 }).map((l) => l.atMs)).toEqual([HOUR - 20_000, HOUR - 10_000, HOUR]);
  });
});

describe("exec into a shell container", () => {
  const plan = shellPlan("touch /tmp/healthy; sleep infinity", { env: { APP: "x" }, hostname: "web-0" });

  it.each([
    [["cat", "/tmp/healthy"], 0, ""],
    [["cat", "/tmp/nope"], 1, "cat: can't open '/tmp/nope': No such file or directory\n"],
    [["true"], 0, ""],
    [["false"], 1, ""],
    [["sh", "-c", "foo"], 127, "sh: foo: not found\n"],
    [["sh", "-c", "echo $APP"], 0, "x\n"],
    [["ls", "/tmp"], 0, "healthy\n"],
    [["hostname"], 0, "web-0\n"],
    [["test", "-e", "/tmp/healthy"], 0, ""],
    [["printenv", "APP"], 0, "x\n"],
  ])("%j ⇒ exit %i", (command, exitCode, output) => {
    const r = execIn(plan, 1000, command);
    expect(r.error).toBeUndefined();
    expect([r.exitCode, r.output]).toEqual([exitCode, output]);
  });

  it("env lists PATH, HOSTNAME, the pod's variables and HOME", () => {
    expect(execIn(plan, 0, ["env"]).output).toBe("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=web-0\nAPP=x\nHOME=/root\n");
  });

  it("ps shows PID 1's command", () => {
    expect(execIn(plan, 0, ["ps"]).output.split("\n")[1]).toBe("    1 root      0:00 sh -c touch /tmp/healthy; sleep infinity");
  });

  it("an executable the image lacks is a runtime error, not an exit code", () => {
    const r = execIn(plan, 0, ["curl", "localhost"]);
    expect(r.error).toMatch(/^failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \$PATH: unknown$/);
  });

  it("files changed by exec are reported so they can persist", () => {
    const r = execIn(plan, 5000, ["rm", "/tmp/healthy"]);
    expect(r.fileEvents).toEqual([[5000, "/tmp/healthy", null]]);
    expect(filesIn(plan, 6000, r.fileEvents).has("/tmp/healthy")).toBe(false);
    expect(filesIn(plan, 4000, r.fileEvents).has("/tmp/healthy")).toBe(true);
  });

  it("wget to the container's own port uses its own HTTP answers", () => {
    const r = execIn(plan, 0, ["wget", "-q", "-O-", "http://localhost:8080/"]);
    expect([r.exitCode, r.output]).toEqual([1, "wget: can't connect to remote host (127.0.0.1): Connection refused\n"]);
  });

  it("date in exec is the time of the exec", () => {
    expect(execIn(plan, 61_000, ["date"]).output).toBe("Wed Jan  1 09:01:01 UTC 2025\n");
    expect(START_UNIX_MS).toBe(1735722000000);
  });
});

describe("an init container waiting for a Service (the docs' `until nslookup` loop)", () => {
  const script = "until nslookup myservice; do echo waiting for myservice; sleep 2; done";

  it("waits forever while the name does not resolve, and says which name it waits for", () => {
    const plan = shellPlan(script);
    expect(plannedExit(plan)).toBeUndefined();
    expect(plan.unresolved).toEqual(["myservice"]);
    expect(logText(plan, 2000).filter((l) => l.startsWith("waiting"))).toEqual(["waiting for myservice", "waiting for myservice"]);
  });

  it("completes at once when the Service exists", () => {
    const plan = shellPlan(script, { resolve: (name) => (name === "myservice" ? "10.96.0.20" : undefined) });
    expect(plannedExit(plan)).toEqual({ afterMs: 0, exitCode: 0 });
    expect(logText(plan, 0)).toContain("Address: 10.96.0.20");
  });
});

