// The classic + CEL target at its size: 50 policies of both kinds evenly spaced in the library
// (kyverno-target.ts).
import { targetBench } from './kyverno-target.js'

export default () => targetBench(true)
