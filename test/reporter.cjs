// Mocha's spec output, then one closing line CI can read: "N passed, N failed[, N skipped]".
// CommonJS because mocha loads reporters with require().
const Mocha = require("mocha");
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class ReflexReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats ?? {};
      // Spec registered its epilogue on this event first, so this line comes after it.
      process.stdout.write(`\nmocha: ${s.passes ?? 0} passed, ${s.failures ?? 0} failed, ${s.pending ?? 0} skipped\n`);
    });
  }
}
module.exports = ReflexReporter;
