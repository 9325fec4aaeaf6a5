// Mocha reporter: the usual spec output, plus the run's totals written as JSON to the file
// named by PD_STATS_FILE, so test/run-suites.mjs can print one closing line for all suites.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

class TotalsReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.PD_STATS_FILE;
      if (!file) return;
      const s = runner.stats || {};
      fs.writeFileSync(file, JSON.stringify({ passes: s.passes || 0, failures: s.failures || 0, pending: s.pending || 0 }));
    });
  }
}
module.exports = TotalsReporter;
