// Starts the Triton-faithful test server for manual checks and benchmarks, e.g.
//   npx tsx test/inference/serve.ts [port] [--token-delay MS] [--first-token-delay MS]
//   then   node dist/cli.js triton status --endpoint 127.0.0.1:PORT --model ensemble
import { FakeTriton } from './server/triton-server';
import { blsModel, customModel, ensembleModel, llmapiModel, nonDecoupledModel, vllmModel } from './server/models';

function flag(name: string): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : 0;
  return Number.isFinite(v) && v >= 0 ? v : 0;
}

void (async () => {
  const port = Number(process.argv[2] ?? 0) || 0;
  const settings = { tokenDelayMs: flag('--token-delay'), firstTokenDelayMs: flag('--first-token-delay') };
  const server = await FakeTriton.start({ models: [ensembleModel(), blsModel(true), vllmModel(), llmapiModel(), customModel(), nonDecoupledModel()], port, settings });
  server.record = false;
  process.stdout.write(`test Triton server listening on ${server.address} (models: ${[...server.models.keys()].join(', ')})\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
})();
