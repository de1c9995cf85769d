import path from "node:path";
import { describe, expect, it } from "vitest";
import { createJournal } from "../../../server/persistence/create-journal.ts";
import { databaseConfigFromEnv, describeDatabase, parseDatabaseUrl, redactUrl } from "../../../server/persistence/database-config.ts";
import { DatabaseStartupError } from "../../../server/persistence/database.ts";
import { freePort } from "../../support/services-builders.ts";

describe("database configuration from the environment", () => {
  it("uses SQLite in DATA_DIR, ./data by default", () => {
    expect(databaseConfigFromEnv({}, "/srv/app")).toEqual({ ok: true, value: { dialect: "sqlite", file: path.resolve("/srv/app/data/crashloop.db") } });
    expect(databaseConfigFromEnv({ DATA_DIR: "/var/lib/crashloop" }, "/srv/app")).toEqual({ ok: true, value: { dialect: "sqlite", file: "/var/lib/crashloop/crashloop.db" } });
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const r = databaseConfigFromEnv({ DATABASE_URL: "postgresql://game:pw@db.internal:6543/crashloop" });
    expect(r).toEqual({ ok: true, value: { dialect: "postgres", url: "postgresql://game:pw@db.internal:6543/crashloop", host: "db.internal", port: 6543, database: "crashloop", user: "game" } });
    if (r.ok) expect(describeDatabase(r.value)).toBe("PostgreSQL game@db.internal:6543/crashloop");
  });

  it.each([
    ["not a URL", "the database on db1", /not a URL/],
    ["no scheme", "localhost:5432/db", /scheme "localhost".*postgres:\/\//],
    ["another scheme", "mysql://u:p@h/db", /scheme "mysql".*postgres:\/\//],
    ["no database", "postgres://u:p@h:5432", /names no database/],
    ["no database, trailing slash", "postgres://u:p@h:5432/", /names no database/],
    ["a nested path", "postgres://u:p@h/a/b", /containing "\/"/],
  ])("rejects a DATABASE_URL with %s, saying what is wrong", (_what, url, message) => {
    const r = parseDatabaseUrl(url);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(message);
      expect(r.error).not.toContain(":p@");
    }
  });

  it("redacts the password in URLs it prints", () => {
    expect(redactUrl("postgres://game:hunter2@h/db")).toBe("postgres://game:***@h/db");
  });

  it("refuses to start with a malformed DATABASE_URL", async () => {
    await expect(createJournal({ DATABASE_URL: "mysql://u:secret@h/db" })).rejects.toThrow(DatabaseStartupError);
  });

  it("refuses to start when PostgreSQL does not answer, naming host and port but not the password", async () => {
    const port = await freePort();
    const started = createJournal({ DATABASE_URL: `postgres://game:hunter2@127.0.0.1:${port}/crashloop` });
    await expect(started).rejects.toThrow(new RegExp(`cannot connect to PostgreSQL game@127.0.0.1:${port}/crashloop`));
    await expect(started).rejects.not.toThrow(/hunter2/);
  });
});
