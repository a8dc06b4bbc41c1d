// The CEL target at its size: 50 CEL policies evenly spaced in the library (kyverno-target.ts).
import { targetBench } from './kyverno-target.js'

export default () => targetBench(false)
