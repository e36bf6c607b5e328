// Records every WebAssembly.Instance made while `load()` runs (the package instantiates its wasm
// when imported), so that a test can reach an instance's exported memory. With `keep: true` the
// recording goes on afterwards (the fresh instances made after a trap are recorded too).
export async function withInstances(load, { keep = false } = {}) {
  const instances = [];
  const OriginalInstance = WebAssembly.Instance;
  WebAssembly.Instance = class extends OriginalInstance {
    constructor(module, imports) {
      super(module, imports);
      instances.push(this);
    }
  };
  try {
    return { instances, loaded: await load() };
  } finally {
    if (!keep) WebAssembly.Instance = OriginalInstance;
  }
}
