import { sentimentLabel } from './handoff-context';

const WIDTH = 120;
const HEIGHT = 28;

/** Sentiment per customer message as a small line (-1 at the bottom, 1 at the top), with the values spelled out. */
export function SentimentTrend({ values }: { values: number[] }) {
  if (values.length === 0) return <span className="muted">no customer message read yet</span>;
  const x = (index: number) => (values.length === 1 ? WIDTH / 2 : (index / (values.length - 1)) * WIDTH);
  const y = (value: number) => ((1 - value) / 2) * HEIGHT;
  const points = values.map((value, index) => `${x(index).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
  const last = values.at(-1)!;
  const change = values.length > 1 ? last - values[0]! : 0;
  return (
    <div className="sentiment-trend">
      <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Sentiment by message: ${values.map((value) => value.toFixed(2)).join(', ')}`}>
        <line x1={0} x2={WIDTH} y1={HEIGHT / 2} y2={HEIGHT / 2} className="sentiment-zero" />
        <polyline points={points} className={change < 0 ? 'sentiment-line falling' : 'sentiment-line'} />
        {values.map((value, index) => (
          <circle key={index} cx={x(index)} cy={y(value)} r={2} className="sentiment-point" />
        ))}
      </svg>
      <span className="small">
        now {sentimentLabel(last)} ({last.toFixed(2)}){change !== 0 && `, ${change < 0 ? 'down' : 'up'} ${Math.abs(change).toFixed(2)} since the first message`}
      </span>
    </div>
  );
}
