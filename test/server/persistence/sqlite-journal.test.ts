import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openJournal } from "../../../server/persistence/create-journal.ts";
import { describeJournalContract } from "./journal-contract.ts";

describeJournalContract("SQLite", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crashloop-sqlite-"));
  const config = { dialect: "sqlite" as const, file: path.join(dir, "crashloop.db") };
  const fixture = {
    journal: await openJournal(config),
    async reopen() {
      await fixture.journal.close();
      return openJournal(config);
    },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
  return fixture;
});
