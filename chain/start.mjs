// Starts a local chain for tests and devnet: ganache with its deterministic accounts, and the
// TestMasq token compiled by solc-js (EVM shanghai, which ganache runs) and deployed from account 0.
// Prints one JSON line {url, chainId, token, deployer} once ready, then runs until stdin closes.
//
//   node chain/start.mjs [--port 0] [--chain-id 2] [--fund 0xADDR:WEI,...]
import ganache from "ganache";
import solc from "solc";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const port = Number(args.port ?? 0);
const chainId = Number(args["chain-id"] ?? 2);
const supply = 10n ** 27n; // a billion tokens of 18 decimals

function compile() {
  const source = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "TestMasq.sol"), "utf8");
  const input = {
    language: "Solidity",
    sources: { "TestMasq.sol": { content: source } },
    settings: { evmVersion: "shanghai", optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["evm.bytecode.object"] } } },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) {
    throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  }
  return output.contracts["TestMasq.sol"].TestMasq.evm.bytecode.object;
}

async function waitForReceipt(provider, hash) {
  for (;;) {
    const receipt = await provider.request({ method: "eth_getTransactionReceipt", params: [hash] });
    if (receipt) return receipt;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const bytecode = compile();
const server = ganache.server({
  wallet: { deterministic: true },
  chain: { chainId, networkId: chainId },
  logging: { quiet: true },
});
await server.listen(port, "127.0.0.1");
const provider = server.provider;
const [deployer] = await provider.request({ method: "eth_accounts", params: [] });
const deployHash = await provider.request({
  method: "eth_sendTransaction",
  params: [{ from: deployer, data: "0x" + bytecode + supply.toString(16).padStart(64, "0"), gas: "0x2dc6c0" }],
});
const deployed = await waitForReceipt(provider, deployHash);
if (deployed.status !== "0x1") throw new Error("the token deployment failed");
const token = deployed.contractAddress;

for (const entry of (args.fund ?? "").split(",").filter((e) => e)) {
  const [to, wei] = entry.split(":");
  const data = "0xa9059cbb" + to.slice(2).toLowerCase().padStart(64, "0") + BigInt(wei).toString(16).padStart(64, "0");
  const hash = await provider.request({ method: "eth_sendTransaction", params: [{ from: deployer, to: token, data, gas: "0x186a0" }] });
  await waitForReceipt(provider, hash);
}

const address = server.address();
console.log(JSON.stringify({ url: `http://127.0.0.1:${address.port}/`, chainId, token, deployer }));
process.stdin.resume();
process.stdin.on("end", async () => {
  await server.close();
  process.exit(0);
});
