import { MemoryJournal } from "../../../server/persistence/journal.ts";
import { describeJournalContract } from "./journal-contract.ts";

describeJournalContract("MemoryJournal", async () => ({ journal: new MemoryJournal() }), { durable: false });
