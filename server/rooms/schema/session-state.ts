/**
 * Colyseus schema of `drill` and `contest-seat` rooms (shape and names: shared/protocol/state.ts).
 */
import { ArraySchema, MapSchema, Schema, type } from "@colyseus/schema";
import { ClusterState } from "./cluster-state.ts";

export class GoalState extends Schema {
  @type("string") id = "";
  @type("string") text = "";
  @type("boolean") met = false;
  @type("boolean") holding = false;
  @type("string") detail = "";
}

export class ScoreComponentState extends Schema {
  @type("string") id = "";
  @type("string") label = "";
  @type("int32") points = 0;
  @type("string") detail = "";
}

export class ScoreState extends Schema {
  @type("int32") total = 0;
  @type("uint8") stars = 0;
  @type("int32") max = 0;
  @type("boolean") resolved = false;
  @type([ScoreComponentState]) breakdown = new ArraySchema<ScoreComponentState>();
}

export class PlayerState extends Schema {
  @type("string") seat = "";
  @type("string") name = "";
  @type("string") role = "";
  @type("boolean") connected = true;
  @type("boolean") host = false;
  /** Contest rooms: the team ("" when individual). */
  @type("string") team = "";
}

export class FeedEntryState extends Schema {
  @type("uint32") seq = 0;
  @type("string") player = "";
  @type("string") line = "";
  @type("int16") exitCode = 0;
  @type("float64") simTimeMs = 0;
}

export class SessionRoomState extends Schema {
  @type("string") phase = "lobby";
  @type("string") levelId = "";
  @type("string") title = "";
  @type("string") briefing = "";
  @type("float64") simTimeMs = 0;
  @type("float32") speed = 1;
  @type("uint8") hintsRevealed = 0;
  @type("uint8") hintsTotal = 0;
  @type([GoalState]) goals = new ArraySchema<GoalState>();
  @type(ScoreState) score = new ScoreState();
  @type(ClusterState) cluster = new ClusterState();
  @type({ map: PlayerState }) players = new MapSchema<PlayerState>();
  @type([FeedEntryState]) feed = new ArraySchema<FeedEntryState>();
  @type("string") contest = "";
  @type("uint8") levelNumber = 1;
  @type("uint8") levelCount = 1;
}
