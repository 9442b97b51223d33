/**
 * Where a candidate stands: the statechart drawn as SVG from libs/workflow's machine, the current state
 * highlighted, the states it has passed through tinted, and the steps possible now drawn in the accent colour.
 * A text version (for screen readers and for anyone who prefers words) sits under the drawing.
 */
import { useId, useMemo } from 'react';
import { Collapse, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CandidateEventType, CandidateState } from '#workflow';
import { useLabels } from '../../domain/labels';
import { layoutStatechart, readStatechart, type Edge } from './graph';

const LABEL_SPACE = 205; // left of the main path: the labels of its steps
const LANE = 280;
const RANK = 112;
const BOX_W = 164;
const BOX_H = 62;
const MARGIN_TOP = 48;
const MARGIN_RIGHT = 132;
const MARGIN_BOTTOM = 16;
const FONT = 13;
const LABEL_FONT = 12;
const LINE = 15;

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}
type Point = [number, number];

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Whether a segment crosses a rectangle (Liang–Barsky clipping). */
function crosses([x1, y1]: Point, [x2, y2]: Point, r: Rect): boolean {
  const dx = x2 - x1;
  const dy = y2 - y1;
  let t0 = 0;
  let t1 = 1;
  const clip = (p: number, q: number) => {
    if (p === 0) return q >= 0;
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
    return true;
  };
  return clip(-dx, x1 - r.x) && clip(dx, r.x + r.w - x1) && clip(-dy, y1 - r.y) && clip(dy, r.y + r.h - y1);
}

let canvas: CanvasRenderingContext2D | null | undefined;
/** Text width in pixels (canvas when available, an estimate otherwise). */
function textWidth(text: string, size: number, weight = 400): number {
  if (canvas === undefined) {
    try {
      canvas = document.createElement('canvas').getContext('2d');
    } catch {
      canvas = null;
    }
  }
  if (canvas) {
    canvas.font = `${weight} ${size}px -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif`;
    return canvas.measureText(text).width;
  }
  return text.length * size * 0.56;
}

/** Breaks text into lines no wider than `max` pixels, at spaces. */
function wrap(text: string, max: number, size: number, weight = 400): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, size, weight) > max) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Where the segment from a box's centre towards (tx, ty) leaves the box. */
function border(cx: number, cy: number, tx: number, ty: number, pad = 0): Point {
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const sx = dx === 0 ? Infinity : (BOX_W / 2 + pad) / Math.abs(dx);
  const sy = dy === 0 ? Infinity : (BOX_H / 2 + pad) / Math.abs(dy);
  const s = Math.min(sx, sy);
  return [cx + dx * s, cy + dy * s];
}

export interface StateChartProps {
  current: CandidateState;
  /** Events the candidate can take now (and the reader may send). */
  allowed: CandidateEventType[];
  /** States the candidate has been in, from its history. */
  visited?: CandidateState[];
}

export function StateChart({ current, allowed, visited = [] }: StateChartProps) {
  const { t } = useTranslation();
  const { label, language } = useLabels();
  const { token } = theme.useToken();
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const graph = useMemo(readStatechart, []);
  const layout = useMemo(() => layoutStatechart(graph), [graph]);

  const drawing = useMemo(() => {
    const centre = (s: CandidateState) => {
      const p = layout.positions.get(s)!;
      return { x: LABEL_SPACE + p.lane * LANE + BOX_W / 2, y: MARGIN_TOP + p.rank * RANK + BOX_H / 2 };
    };
    const width = LABEL_SPACE + (layout.lanes - 1) * LANE + BOX_W + MARGIN_RIGHT;
    const height = MARGIN_TOP + (layout.ranks - 1) * RANK + BOX_H + MARGIN_BOTTOM;
    const boxes: Rect[] = graph.states.map((s) => {
      const c = centre(s);
      return { x: c.x - BOX_W / 2 - 4, y: c.y - BOX_H / 2 - 4, w: BOX_W + 8, h: BOX_H + 8 };
    });
    const edgeLabel = (edge: Edge) => edge.events.map((e) => label('event', e)).join(' / ');
    const isLive = (edge: Edge) => edge.from === current && edge.events.some((e) => allowed.includes(e));

    // 1. Every line first, so that labels can keep clear of them.
    interface Line {
      points: Point[];
      live: boolean;
      guarded: boolean;
      arrow: boolean;
      key: string;
    }
    const lines: Line[] = [];
    const dots: { x: number; y: number; live: boolean }[] = [];
    const pending: { text: string; live: boolean; candidates: Point[]; maxWidth: number }[] = [];

    for (const edge of graph.edges.filter((e) => !layout.sinks.has(e.to))) {
      const a = centre(edge.from);
      const b = centre(edge.to);
      const start = border(a.x, a.y, b.x, b.y);
      const end = border(b.x, b.y, a.x, a.y, 3);
      const live = isLive(edge);
      lines.push({ points: [start, end], live, guarded: edge.guarded, arrow: true, key: `${edge.from}-${edge.to}` });
      const text = edgeLabel(edge);
      const mainPath = layout.positions.get(edge.from)!.lane === 0 && layout.positions.get(edge.to)!.lane === 0;
      if (mainPath) {
        // Steps along the main path are labelled on its left, where nothing else is drawn.
        const w = Math.min(LABEL_SPACE - 20, Math.max(...wrap(text, LABEL_SPACE - 20, LABEL_FONT, live ? 600 : 400).map((l) => textWidth(l, LABEL_FONT, live ? 600 : 400))));
        pending.push({ text, live, candidates: [[start[0] - 10 - w / 2, (start[1] + end[1]) / 2]], maxWidth: LABEL_SPACE - 20 });
      } else {
        // Beside the line near its middle first, then further along it and further from it.
        const length = Math.hypot(end[0] - start[0], end[1] - start[1]) || 1;
        const normal: Point = [-(end[1] - start[1]) / length, (end[0] - start[0]) / length];
        const candidates: Point[] = [];
        for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
          const x = start[0] + (end[0] - start[0]) * f;
          const y = start[1] + (end[1] - start[1]) * f;
          for (const d of [12, -12, 20, -20, 30, -30, 44, -44]) candidates.push([x + normal[0] * d, y + normal[1] * d]);
        }
        pending.push({ text, live, candidates, maxWidth: LANE - 40 });
      }
    }

    // Final states entered from many states: each source runs to a bus that leads into the state.
    for (const sink of layout.sinks) {
      const s = centre(sink);
      const into = graph.edges.filter((e) => e.to === sink);
      const events = [...new Set(into.flatMap((e) => e.events))];
      let lowest = s.y;
      for (const edge of into) {
        const a = centre(edge.from);
        const live = isLive(edge);
        if (Math.abs(a.y - s.y) < 1) {
          lines.push({ points: [[a.x + BOX_W / 2, a.y], [s.x - BOX_W / 2 - 3, s.y]], live, guarded: edge.guarded, arrow: true, key: `${edge.from}-${sink}` });
          continue;
        }
        const path: Point[] = [[a.x + BOX_W / 2, a.y], [s.x, a.y]];
        lines.push({ points: path, live, guarded: edge.guarded, arrow: false, key: `${edge.from}-${sink}` });
        dots.push({ x: s.x, y: a.y, live });
        lowest = Math.max(lowest, a.y);
        if (live) lines.push({ points: [[s.x, a.y], [s.x, s.y + BOX_H / 2 + 3]], live: true, guarded: false, arrow: true, key: `${edge.from}-${sink}-bus` });
      }
      if (lowest > s.y) lines.push({ points: [[s.x, lowest], [s.x, s.y + BOX_H / 2 + 3]], live: false, guarded: false, arrow: true, key: `${sink}-bus` });
      const text = events.map((e) => label('event', e)).join(' / ');
      const w = Math.min(MARGIN_RIGHT - 8, textWidth(text, LABEL_FONT)) / 2;
      const below = s.y + BOX_H / 2 + 3;
      pending.push({
        text,
        live: into.some(isLive),
        candidates: [0.5, 0.35, 0.65, 0.2, 0.8].map((f): Point => [s.x + 8 + w, below + (lowest - below) * f]),
        maxWidth: MARGIN_RIGHT - 8,
      });
    }

    // The "you are here" mark: left of a state on the main path, above any other.
    const here = centre(current);
    const hereText = `${t('statechart.here')} ▶`;
    const hereWidth = textWidth(hereText, 12, 700);
    const onMainPath = layout.positions.get(current)!.lane === 0;
    const marker = onMainPath
      ? { x: here.x - BOX_W / 2 - 8, y: here.y, anchor: 'end' as const, text: hereText, rect: { x: here.x - BOX_W / 2 - 10 - hereWidth, y: here.y - 9, w: hereWidth + 4, h: 18 } }
      : { x: here.x, y: here.y - BOX_H / 2 - 10, anchor: 'middle' as const, text: t('statechart.here'), rect: { x: here.x - hereWidth / 2, y: here.y - BOX_H / 2 - 20, w: hereWidth, h: 18 } };

    // 2. Labels, each where it overlaps no box, no line and no earlier label.
    const segments = lines.flatMap((l) => l.points.slice(1).map((p, i) => [l.points[i]!, p] as [Point, Point]));
    const taken: Rect[] = [...boxes, marker.rect];
    const labels: { lines: string[]; x: number; y: number; live: boolean }[] = [];
    for (const item of pending) {
      const weight = item.live ? 600 : 400;
      const wrapped = wrap(item.text, item.maxWidth, LABEL_FONT, weight);
      const w = Math.max(...wrapped.map((l) => textWidth(l, LABEL_FONT, weight))) + 6;
      const h = wrapped.length * LINE + 2;
      const rectAt = ([x, y]: Point): Rect => ({ x: x - w / 2, y: y - h / 2, w, h });
      const fits = (r: Rect, strict: boolean) =>
        r.x >= 0 && r.y >= 0 && r.x + r.w <= width && r.y + r.h <= height && !taken.some((o) => overlaps(o, r)) && (!strict || !segments.some(([p, q]) => crosses(p, q, r)));
      const chosen = item.candidates.find((c) => fits(rectAt(c), true)) ?? item.candidates.find((c) => fits(rectAt(c), false)) ?? item.candidates[0]!;
      taken.push(rectAt(chosen));
      labels.push({ lines: wrapped, x: chosen[0], y: chosen[1], live: item.live });
    }

    // Live lines last, so they are drawn over the others.
    lines.sort((a, b) => Number(a.live) - Number(b.live));
    return { centre, width, height, labels, lines, dots, marker };
  }, [graph, layout, current, allowed, label, t]);

  const seen = new Set(visited);
  const liveEvents = allowed.map((e) => label('event', e));
  const description = t('statechart.description', {
    state: label('state', current),
    next: liveEvents.length > 0 ? liveEvents.join(', ') : t('statechart.nothingNow'),
  });
  const initial = drawing.centre(graph.initial);
  const accent = token.colorPrimary;
  const muted = '#8c8c8c';

  return (
    <figure className="statechart" aria-labelledby={`${uid}-caption`}>
      <div className="statechart-scroll">
        <svg
          role="img"
          aria-labelledby={`${uid}-title ${uid}-desc`}
          viewBox={`0 0 ${drawing.width} ${drawing.height}`}
          width="100%"
          style={{ minWidth: 560, maxWidth: drawing.width * 1.1 }}
          data-testid="statechart"
          data-current={current}
        >
          <title id={`${uid}-title`}>{t('statechart.title')}</title>
          <desc id={`${uid}-desc`}>{description}</desc>
          <defs>
            <marker id={`${uid}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill={muted} />
            </marker>
            <marker id={`${uid}-arrow-live`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="11" markerHeight="11" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill={accent} />
            </marker>
          </defs>

          {/* the initial pseudo-state */}
          <circle cx={initial.x} cy={initial.y - BOX_H / 2 - 34} r={7} fill="#434343" />
          <path d={`M${initial.x},${initial.y - BOX_H / 2 - 27} L${initial.x},${initial.y - BOX_H / 2 - 3}`} stroke={muted} strokeWidth={1.5} markerEnd={`url(#${uid}-arrow)`} />

          {drawing.lines.map((l) => (
            <path
              key={l.key}
              d={l.points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x},${y}`).join(' ')}
              fill="none"
              stroke={l.live ? accent : muted}
              strokeWidth={l.live ? 2.5 : 1.5}
              strokeDasharray={l.guarded && !l.live ? '5 3' : undefined}
              markerEnd={l.arrow ? `url(#${uid}-arrow${l.live ? '-live' : ''})` : undefined}
            />
          ))}
          {drawing.dots.map((d) => (
            <circle key={`${d.x}-${d.y}`} cx={d.x} cy={d.y} r={3} fill={d.live ? accent : muted} />
          ))}

          {graph.states.map((state) => {
            const c = drawing.centre(state);
            const isCurrent = state === current;
            const wasVisited = seen.has(state) && !isCurrent;
            const final = graph.finals.has(state);
            const nameLines = wrap(label('state', state), BOX_W - 16, FONT, isCurrent ? 700 : 500);
            const selfEvents = graph.selfEvents.get(state) ?? [];
            const top = c.y - ((nameLines.length - 1) * (FONT + 3)) / 2;
            return (
              <g key={state} data-state={state} aria-current={isCurrent ? 'step' : undefined}>
                <rect
                  x={c.x - BOX_W / 2}
                  y={c.y - BOX_H / 2}
                  width={BOX_W}
                  height={BOX_H}
                  rx={12}
                  fill={isCurrent ? accent : wasVisited ? token.colorPrimaryBg : '#ffffff'}
                  stroke={isCurrent ? token.colorPrimaryActive : wasVisited ? token.colorPrimaryBorder : '#bfbfbf'}
                  strokeWidth={isCurrent ? 3 : 1.5}
                />
                {final && (
                  <rect x={c.x - BOX_W / 2 + 4} y={c.y - BOX_H / 2 + 4} width={BOX_W - 8} height={BOX_H - 8} rx={9} fill="none" stroke={isCurrent ? '#ffffff' : '#bfbfbf'} strokeWidth={1} />
                )}
                <text x={c.x} y={top} textAnchor="middle" dominantBaseline="central" fontSize={FONT} fontWeight={isCurrent ? 700 : 500} fill={isCurrent ? '#ffffff' : '#1f1f1f'}>
                  {nameLines.map((line, i) => (
                    <tspan key={line} x={c.x} dy={i === 0 ? 0 : FONT + 3}>
                      {line}
                    </tspan>
                  ))}
                </text>
                {selfEvents.length > 0 && (
                  <g>
                    <title>{t('statechart.inPlace', { events: selfEvents.map((e) => label('event', e)).join(', ') })}</title>
                    <circle cx={c.x + BOX_W / 2 - 4} cy={c.y - BOX_H / 2 + 4} r={10} fill="#ffffff" stroke={isCurrent ? token.colorPrimaryActive : '#bfbfbf'} />
                    <text x={c.x + BOX_W / 2 - 4} y={c.y - BOX_H / 2 + 4} textAnchor="middle" dominantBaseline="central" fontSize={11} fill="#434343">
                      ↻{selfEvents.length}
                    </text>
                  </g>
                )}
                {isCurrent && (
                  <text x={drawing.marker.x} y={drawing.marker.y} textAnchor={drawing.marker.anchor} dominantBaseline="central" fontSize={12} fontWeight={700} fill={accent}>
                    {drawing.marker.text}
                  </text>
                )}
              </g>
            );
          })}

          {drawing.labels.map((l) => (
            <text
              key={`${l.x}-${l.y}-${l.lines.join()}`}
              x={l.x}
              y={l.y - ((l.lines.length - 1) * LINE) / 2}
              textAnchor="middle"
              dominantBaseline="central"
              fontSize={LABEL_FONT}
              fontWeight={l.live ? 600 : 400}
              fill={l.live ? accent : '#595959'}
              stroke="#ffffff"
              strokeWidth={4}
              paintOrder="stroke"
              strokeLinejoin="round"
            >
              {l.lines.map((line, i) => (
                <tspan key={line} x={l.x} dy={i === 0 ? 0 : LINE}>
                  {line}
                </tspan>
              ))}
            </text>
          ))}
        </svg>
      </div>
      <figcaption id={`${uid}-caption`} className="statechart-caption">
        {description} <span className="statechart-legend">{t('statechart.legend')}</span>
      </figcaption>
      <Collapse
        size="small"
        ghost
        items={[
          {
            key: 'text',
            label: t('statechart.asText'),
            children: (
              <ul className="statechart-text" lang={language}>
                {graph.states.map((state) => {
                  const out = graph.edges.filter((e) => e.from === state);
                  const self = graph.selfEvents.get(state) ?? [];
                  return (
                    <li key={state}>
                      <strong>{label('state', state)}</strong>
                      {state === current && ` (${t('statechart.here')})`}
                      {out.length === 0 && self.length === 0 && `: ${t('statechart.final')}`}
                      {(out.length > 0 || self.length > 0) && (
                        <ul>
                          {out.map((e) => (
                            <li key={e.to}>
                              {e.events.map((ev) => label('event', ev)).join(' / ')} → {label('state', e.to)}
                              {e.guarded && ` (${t('statechart.guarded')})`}
                            </li>
                          ))}
                          {self.length > 0 && <li>{t('statechart.inPlace', { events: self.map((ev) => label('event', ev)).join(', ') })}</li>}
                        </ul>
                      )}
                    </li>
                  );
                })}
              </ul>
            ),
          },
        ]}
      />
    </figure>
  );
}
