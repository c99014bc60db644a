/**
 * Draws the cart and pole from a CartPole state [x, ẋ, θ, θ̇] on a canvas (an animation, not a chart). Track
 * half-width 2.4 and pole half-length 0.5 are CartPole-v1's termination bound and geometry.
 */
const TRACK = 2.4;
const POLE = 1.0;

export function drawPole(canvas: HTMLCanvasElement, state: readonly number[], caption: string): void {
  const ctx = canvas.getContext("2d");
  if (ctx === null) return;
  const { width, height } = canvas;
  const scale = width / (2 * TRACK + 0.6);
  const groundY = height - 30;
  const cartX = width / 2 + (state[0] ?? 0) * scale;
  const theta = state[2] ?? 0;
  ctx.clearRect(0, 0, width, height);
  ctx.strokeStyle = "#888";
  ctx.beginPath();
  ctx.moveTo(width / 2 - TRACK * scale, groundY);
  ctx.lineTo(width / 2 + TRACK * scale, groundY);
  ctx.stroke();
  ctx.fillStyle = "#1d3557";
  ctx.fillRect(cartX - 25, groundY - 18, 50, 18);
  ctx.strokeStyle = "#e76f51";
  ctx.lineWidth = 6;
  ctx.lineCap = "round";
  ctx.beginPath();
  ctx.moveTo(cartX, groundY - 18);
  ctx.lineTo(cartX + Math.sin(theta) * POLE * scale, groundY - 18 - Math.cos(theta) * POLE * scale);
  ctx.stroke();
  ctx.lineWidth = 1;
  ctx.fillStyle = "#333";
  ctx.font = "12px sans-serif";
  ctx.fillText(caption, 8, 16);
}
