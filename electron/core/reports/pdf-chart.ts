import type { ReportProgress } from '../../../shared/domain/report';
import { utcTime } from './pdf-text';

export interface ChartBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

const AXIS = '#5b6470';
const GRID = '#d9dee4';
const LINE = '#1f6feb';

/**
 * The y axis's labels: whole numbers from 0 in equal steps (at most 5 ticks, none repeated), the last at or
 * above `total`, which is the axis's top. No device: one 0 tick.
 */
export function yTicks(total: number): number[] {
  if (total <= 0) return [0];
  const step = Math.ceil(total / 4);
  const ticks = [0];
  while (ticks[ticks.length - 1]! < total) ticks.push(ticks.length * step);
  return ticks;
}

/**
 * "Device runs finished over time" as vector paths: axes, a grid line at each whole-number tick, and the
 * cumulative count as a step line (it only moves when a device ends). Empty progress draws the frame and says so.
 */
export function drawProgressChart(doc: PDFKit.PDFDocument, box: ChartBox, progress: ReportProgress): void {
  const plot = { x: box.x + 36, y: box.y + 16, width: box.width - 46, height: box.height - 40 };
  doc
    .font('Helvetica-Bold')
    .fontSize(9)
    .fillColor('#000')
    .text('Device runs finished over time', box.x, box.y, { lineBreak: false });
  const ticks = yTicks(progress.total);
  const total = Math.max(ticks[ticks.length - 1]!, 1);
  doc.font('Helvetica').fontSize(7).lineWidth(0.5);
  for (const tick of ticks) {
    const y = plot.y + plot.height - (plot.height * tick) / total;
    doc
      .moveTo(plot.x, y)
      .lineTo(plot.x + plot.width, y)
      .strokeColor(tick === 0 ? AXIS : GRID)
      .stroke();
    const label = String(tick);
    doc.fillColor(AXIS).text(label, plot.x - 4 - doc.widthOfString(label), y - 3, { lineBreak: false });
  }
  doc
    .moveTo(plot.x, plot.y)
    .lineTo(plot.x, plot.y + plot.height)
    .strokeColor(AXIS)
    .stroke();
  const { points } = progress;
  if (points.length === 0) {
    doc
      .fillColor(AXIS)
      .text('no devices finished', plot.x + 8, plot.y + plot.height / 2, { lineBreak: false });
    return;
  }
  const t0 = points[0]!.at;
  const t1 = Math.max(points[points.length - 1]!.at, t0 + 1);
  const px = (at: number) => plot.x + ((at - t0) / (t1 - t0)) * plot.width;
  const py = (n: number) => plot.y + plot.height - (n / total) * plot.height;
  doc.moveTo(px(t0), py(0));
  let previous = 0;
  for (const p of points) {
    doc.lineTo(px(p.at), py(previous)).lineTo(px(p.at), py(p.finished));
    previous = p.finished;
  }
  doc.lineWidth(1.2).strokeColor(LINE).stroke();
  const bottom = plot.y + plot.height + 4;
  const last = utcTime(t1);
  doc.fillColor(AXIS).fontSize(7).text(utcTime(t0), plot.x, bottom, { lineBreak: false });
  doc.text(last, plot.x + plot.width - doc.widthOfString(last), bottom, { lineBreak: false });
  doc.fillColor('#000');
}
