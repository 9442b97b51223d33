/**
 * The candidate statechart as a drawable graph, read from the machine itself (libs/workflow): its states,
 * which are final, the initial one, and every transition with the events that cause it. Nothing here is
 * written by hand, so a state or event added to the machine appears in the diagram.
 */
import { candidateMachine, type CandidateEventType, type CandidateState } from '#workflow';

export interface Edge {
  from: CandidateState;
  to: CandidateState;
  events: CandidateEventType[];
  /** The transition has a guard (e.g. proposing needs a check-in and evidence). */
  guarded: boolean;
}

export interface StatechartGraph {
  states: CandidateState[];
  initial: CandidateState;
  finals: Set<CandidateState>;
  /** Transitions to another state, one edge per (from, to) pair. */
  edges: Edge[];
  /** Events that keep the state (record a check-in, attach evidence…), per state. */
  selfEvents: Map<CandidateState, CandidateEventType[]>;
}

interface TransitionLike {
  target?: ReadonlyArray<{ key: string }>;
  guard?: unknown;
}

export function readStatechart(): StatechartGraph {
  const states = Object.keys(candidateMachine.states) as CandidateState[];
  const finals = new Set(states.filter((s) => candidateMachine.states[s]!.type === 'final'));
  const initial = String(candidateMachine.config.initial) as CandidateState;
  const edges = new Map<string, Edge>();
  const selfEvents = new Map<CandidateState, CandidateEventType[]>();
  for (const from of states) {
    const on = candidateMachine.states[from]!.on as Record<string, readonly TransitionLike[]>;
    for (const [type, transitions] of Object.entries(on)) {
      for (const transition of transitions) {
        const to = (transition.target?.[0]?.key ?? from) as CandidateState;
        const event = type as CandidateEventType;
        if (to === from) {
          selfEvents.set(from, [...(selfEvents.get(from) ?? []), event]);
          continue;
        }
        const key = `${from}→${to}`;
        const edge = edges.get(key) ?? { from, to, events: [], guarded: false };
        if (!edge.events.includes(event)) edge.events.push(event);
        edge.guarded ||= transition.guard !== undefined;
        edges.set(key, edge);
      }
    }
  }
  return { states, initial, finals, edges: [...edges.values()], selfEvents };
}

/** A state's place: `rank` along the programme's main path (drawn top to bottom), `lane` beside it. */
export interface Placed {
  state: CandidateState;
  rank: number;
  lane: number;
}

export interface Layout {
  positions: Map<CandidateState, Placed>;
  /** Final states entered from many states (withdrawal): drawn with a bus instead of one line per source. */
  sinks: Set<CandidateState>;
  ranks: number;
  lanes: number;
}

const SINK_SOURCES = 3;

/**
 * A small layered layout: the programme's main path in the first lane (from the initial state, always the
 * first transition that leads somewhere new), side roads in the next lanes between their neighbours, and
 * final states that many states lead to in a last lane of their own, level with their first source.
 */
export function layoutStatechart(graph: StatechartGraph): Layout {
  const positions = new Map<CandidateState, Placed>();
  const preds = (s: CandidateState) => graph.edges.filter((e) => e.to === s).map((e) => e.from);
  const succs = (s: CandidateState) => graph.edges.filter((e) => e.from === s).map((e) => e.to);
  const sinks = new Set(graph.states.filter((s) => graph.finals.has(s) && new Set(preds(s)).size >= SINK_SOURCES));

  // 1. The main path.
  let current: CandidateState | undefined = graph.initial;
  let rank = 0;
  while (current && !positions.has(current)) {
    positions.set(current, { state: current, rank, lane: 0 });
    rank += 1;
    const next: CandidateState[] = succs(current).filter((s) => !positions.has(s) && !sinks.has(s));
    current = next.find((s) => !graph.finals.has(s)) ?? next[0];
  }

  // 2. Side roads, between the neighbours already placed; each in the first lane where it has room.
  const occupied = (lane: number, r: number) => [...positions.values()].some((p) => p.lane === lane && Math.abs(p.rank - r) < 0.95);
  let pending = graph.states.filter((s) => !positions.has(s) && !sinks.has(s));
  for (let guard = 0; pending.length > 0 && guard < 50; guard += 1) {
    const still: CandidateState[] = [];
    for (const state of pending) {
      const placedPreds = preds(state).filter((p) => positions.has(p)).map((p) => positions.get(p)!.rank);
      const placedSuccs = succs(state).filter((s) => positions.has(s)).map((s) => positions.get(s)!.rank);
      if (placedPreds.length === 0 && placedSuccs.length === 0 && guard < 49) {
        still.push(state);
        continue;
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      let r: number;
      if (placedPreds.length > 0 && placedSuccs.length > 0) r = (mean(placedPreds) + mean(placedSuccs)) / 2;
      else if (placedPreds.length > 0) r = mean(placedPreds) + 1;
      else if (placedSuccs.length > 0) r = mean(placedSuccs) - 1;
      else r = 0;
      let lane = 1;
      while (occupied(lane, r)) lane += 1;
      positions.set(state, { state, rank: r, lane });
    }
    pending = still;
  }

  // 3. Many-source final states in a lane of their own.
  let lanes = Math.max(...[...positions.values()].map((p) => p.lane)) + 1;
  for (const sink of sinks) {
    const sourceRanks = preds(sink).filter((p) => positions.has(p)).map((p) => positions.get(p)!.rank);
    positions.set(sink, { state: sink, rank: Math.min(...sourceRanks, 0), lane: lanes });
    lanes += 1;
  }
  const minRank = Math.min(...[...positions.values()].map((p) => p.rank));
  if (minRank < 0) for (const p of positions.values()) p.rank -= minRank;
  const ranks = Math.max(...[...positions.values()].map((p) => p.rank)) + 1;
  return { positions, sinks, ranks, lanes };
}
