/**
 * Colyseus schema of `contest` rooms: the lobby, the clock and the leaderboard. No cluster
 * here: each student's (or team's) cluster lives in its own `contest-seat` room.
 */
import { ArraySchema, MapSchema, Schema, type } from "@colyseus/schema";
import { PlayerState } from "./session-state.ts";

export class LeaderboardRowState extends Schema {
  @type("uint16") rank = 0;
  @type("string") seat = "";
  @type("string") name = "";
  @type("uint8") level = 1;
  @type("string") levelId = "";
  @type("uint8") solved = 0;
  @type("int32") score = 0;
  @type("float64") timeMs = 0;
}

/** Class analytics: one goal of one level, and how many seats have met it. */
export class GoalTallyState extends Schema {
  @type("string") key = "";
  @type("string") levelId = "";
  @type("string") goalId = "";
  @type("string") text = "";
  @type("uint16") met = 0;
  @type("uint16") total = 0;
}

export class ContestRoomState extends Schema {
  @type("string") phase = "lobby";
  @type("string") mode = "individual";
  @type(["string"]) levels = new ArraySchema<string>();
  @type("float64") timeLimitMs = 0;
  @type("float64") remainingMs = 0;
  @type("boolean") frozen = false;
  @type([LeaderboardRowState]) leaderboard = new ArraySchema<LeaderboardRowState>();
  @type({ map: PlayerState }) players = new MapSchema<PlayerState>();
  @type([GoalTallyState]) goalTallies = new ArraySchema<GoalTallyState>();
}
