export { diffRuns, type CaseDifference, type DiffSide, type RunDiff, type StepDifference } from './compare.js';
export { diffText } from './text.js';
export { diffHtml } from './html.js';
export { compareShapes, shapeOf, type Shape, type ShapeDifference } from './shape.js';
