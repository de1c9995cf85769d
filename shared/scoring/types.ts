/** What scoring reads about a played session: plain JSON, the same on server and client. */
export interface CollateralRecord {
  /** `deployment/web -n shop` */
  object: string;
  /** "deleted", "unavailable for 30s"... */
  what: string;
  tick: number;
}

export interface ScoreState {
  msPerTick: number;
  /** Tick when the player arrived (after the cluster settled). */
  startTick: number;
  /** Current tick (the score previews "if resolved now"). */
  nowTick: number;
  /** Tick when every goal had held for the stable window (the incident is resolved). */
  resolvedTick?: number;
  /** Tick when every goal started holding for good (the fix landed). */
  fixedTick?: number;
  /** Goal id ⇒ simulated ms it was not holding while the incident lasted. */
  goalUnmetMs: Record<string, number>;
  /** Indexes of the hints revealed. */
  hintsRevealed: number[];
  collateral: CollateralRecord[];
  /** From the traffic model when available: fraction of the error budget burned (0..1+). */
  sloBudgetBurned?: number;
}
