// Starts the Triton-faithful test server for manual checks, e.g.
//   npx tsx test/inference/serve.ts [port]   then   node dist/cli.js triton status --endpoint 127.0.0.1:PORT --model ensemble
import { FakeTriton } from './server/triton-server';
import { blsModel, customModel, ensembleModel, llmapiModel, nonDecoupledModel, vllmModel } from './server/models';

void (async () => {
  const port = Number(process.argv[2] ?? 0);
  const server = await FakeTriton.start({ models: [ensembleModel(), blsModel(true), vllmModel(), llmapiModel(), customModel(), nonDecoupledModel()], port });
  server.record = false;
  process.stdout.write(`test Triton server listening on ${server.address} (models: ${[...server.models.keys()].join(', ')})\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
})();
