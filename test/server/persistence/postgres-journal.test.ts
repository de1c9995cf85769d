/**
 * The journal contract against a real PostgreSQL server: a throwaway cluster (initdb) on a
 * random loopback port, one fresh database per test. Skipped with a printed reason when the
 * PostgreSQL server binaries are missing, except under CI=true where that is a failure.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJournal, openJournal } from "../../../server/persistence/create-journal.ts";
import { parseDatabaseUrl } from "../../../server/persistence/database-config.ts";
import { DatabaseStartupError, openDatabase } from "../../../server/persistence/database.ts";
import { MIGRATIONS, runMigrations } from "../../../server/persistence/migrations.ts";
import { availability, createPostgresDatabase, findPostgresBin, startPostgres, type RunningService } from "../../support/services-builders.ts";
import { describeJournalContract } from "./journal-contract.ts";

const bin = findPostgresBin();
const need = availability("PostgreSQL server (initdb, postgres)", bin, "apt-get install -y postgresql");

if (need.mustFail) {
  it("has a PostgreSQL server to test against (CI=true)", () => {
    throw new Error(need.reason);
  });
}

describe.runIf(need.run)("PostgreSQL journal", () => {
  let server: (RunningService & { dataDir: string }) | undefined;
  let n = 0;
  const freshDatabase = async () => createPostgresDatabase(server!.url, `journal_${process.pid}_${++n}`);

  beforeAll(async () => {
    server = await startPostgres(bin!);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  describeJournalContract("PostgreSQL", async () => {
    const parsed = parseDatabaseUrl(await freshDatabase());
    if (!parsed.ok) throw new Error(parsed.error);
    const config = parsed.value;
    const fixture = {
      journal: await openJournal(config),
      async reopen() {
        await fixture.journal.close();
        return openJournal(config);
      },
    };
    return fixture;
  });

  it("applies each migration once, even when two servers start together", async () => {
    const parsed = parseDatabaseUrl(await freshDatabase());
    if (!parsed.ok) throw new Error(parsed.error);
    const [a, b] = await Promise.all([openDatabase(parsed.value), openDatabase(parsed.value)]);
    expect(await runMigrations(a.db, "postgres")).toEqual([]);
    const recorded = await a.db.selectFrom("schema_migrations").select("version").execute();
    expect(recorded.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
    await a.db.destroy();
    await b.db.destroy();
  });

  it("refuses to start on a database that does not exist, naming it and hiding the password", async () => {
    const u = new URL(server!.url);
    u.password = "s3cret-pw";
    u.pathname = "/no_such_database";
    const started = createJournal({ DATABASE_URL: u.toString() });
    await expect(started).rejects.toBeInstanceOf(DatabaseStartupError);
    await expect(started).rejects.toThrow(/no_such_database/);
    await expect(started).rejects.not.toThrow(/s3cret-pw/);
  });
});
