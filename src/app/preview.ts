// A large graph's first frame, drawn before the WebGL view has it: its nodes as dots on a 2D
// canvas, at the positions the view starts from (seedPoint), framed as the view frames them. With
// software WebGL, making sigma (three WebGL contexts, their shaders) and giving it 20k nodes takes
// one to two seconds of this thread; the dots take a few milliseconds per thousand, and are drawn
// while the nodes arrive, so the graph shows as soon as the last one is here. The view takes the
// canvas away once it has drawn (see App.show).
import { seedPoint } from "./layout";
import { nodeColor } from "./palette";

/** sigma's stagePadding (view.ts): the preview frames the dots the same way. */
const PADDING = 36;

/**
 * Seeded positions fill a disc (seedPoint: radius 10 at order 1, scaled by √order), so the view's
 * box (GraphView.fitBBox: the nodes' extent, widened on the right for labels) is known before the
 * nodes are: the disc's, to a fraction of a pixel once there are thousands of nodes.
 */
const BOX = { x0: -10, x1: 10 + 20 * 0.16, y0: -10 - 20 * 0.02, y1: 10 + 20 * 0.02 };

export class NodePreview {
  readonly canvas: HTMLCanvasElement;
  /** Nodes drawn so far. */
  count = 0;
  private ctx: CanvasRenderingContext2D | null;
  private image: ImageData | null = null;
  private px: Uint32Array | null = null;
  private stamp: number[] = [];
  private colors = new Map<string, number>();
  private scale = 1;
  private ox = 0;
  private oy = 0;
  private frame = 0;

  /** A canvas laid over `container`, for dots of `radius` CSS pixels. */
  constructor(container: HTMLElement, radius: number) {
    const width = container.clientWidth;
    const height = container.clientHeight;
    const dpr = window.devicePixelRatio || 1;
    const canvas = (this.canvas = document.createElement("canvas"));
    canvas.className = "graph-preview";
    canvas.width = Math.max(1, Math.round(width * dpr));
    canvas.height = Math.max(1, Math.round(height * dpr));
    canvas.style.cssText = `position:absolute;inset:0;width:${width}px;height:${height}px;pointer-events:none`;
    this.ctx = canvas.getContext("2d");
    if (this.ctx) {
      this.image = this.ctx.createImageData(canvas.width, canvas.height);
      this.px = new Uint32Array(this.image.data.buffer);
    }
    // The box fitted into the stage, aspect kept, y up (as sigma draws), in device pixels.
    this.scale = dpr * Math.max(0, Math.min((width - 2 * PADDING) / (BOX.x1 - BOX.x0), (height - 2 * PADDING) / (BOX.y1 - BOX.y0)));
    this.ox = canvas.width / 2 - (this.scale * (BOX.x0 + BOX.x1)) / 2;
    this.oy = canvas.height / 2 + (this.scale * (BOX.y0 + BOX.y1)) / 2;
    const r = Math.max(1, radius * dpr);
    const reach = Math.ceil(r);
    for (let dy = -reach; dy <= reach; dy++) for (let dx = -reach; dx <= reach; dx++) if (dx * dx + dy * dy <= r * r) this.stamp.push(dx, dy);
    container.appendChild(canvas);
  }

  /** Stamps more nodes into the pixels (20k arcs through the 2D context would cost far more); shown at the next frame. */
  add(keys: readonly string[], types: readonly string[]): void {
    const px = this.px;
    if (!px) return;
    const { width, height } = this.canvas;
    const stamp = this.stamp;
    for (let i = 0; i < keys.length; i++) {
      let c = this.colors.get(types[i]);
      if (c === undefined) this.colors.set(types[i], (c = rgba(nodeColor(types[i]))));
      const p = seedPoint(keys[i], 1);
      const cx = Math.round(this.ox + this.scale * p.x);
      const cy = Math.round(this.oy - this.scale * p.y);
      for (let k = 0; k < stamp.length; k += 2) {
        const x = cx + stamp[k];
        const y = cy + stamp[k + 1];
        if (x >= 0 && y >= 0 && x < width && y < height) px[y * width + x] = c;
      }
    }
    this.count += keys.length;
    this.frame ||= requestAnimationFrame(() => this.flush());
  }

  /** Puts the stamped pixels on the canvas now. */
  flush(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.ctx && this.image) this.ctx.putImageData(this.image, 0, 0);
  }

  remove(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.canvas.remove();
    this.image = null;
    this.px = null;
  }
}

/** "#rrggbb" as an opaque pixel of a little-endian Uint32Array over RGBA bytes. */
function rgba(hex: string): number {
  const v = parseInt(hex.slice(1, 7), 16) || 0;
  return ((0xff << 24) | ((v & 0xff) << 16) | (v & 0xff00) | ((v >> 16) & 0xff)) >>> 0;
}
