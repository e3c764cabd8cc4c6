// Reads a Trace Event Format file with Chrome DevTools' own trace engine (the Performance
// panel's parser, from npm) and prints what it understood as JSON: every thread with its name
// and how many slices it holds, the flows, and the time bounds. tests/suites/test_trace_export.py
// compares that with the file. `make trace-engine` installs it with the engine, pinned by
// package-lock.json, in build/trace-engine/; run it there: node build/trace-engine/read.mjs FILE.
import fs from 'node:fs';
import * as Trace from '@paulirish/trace_engine/models/trace/trace.js';

// The engine measures with DOMRect, which Node lacks.
globalThis.DOMRect ??= class DOMRect {
  constructor(x = 0, y = 0, width = 0, height = 0) {
    Object.assign(this, {x, y, width, height});
  }
  static fromRect(r = {}) {
    return new DOMRect(r.x, r.y, r.width, r.height);
  }
};

const events = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')).traceEvents;
const model = Trace.TraceModel.Model.createWithAllHandlers();
await model.parse(events);
const data = model.parsedTrace().data;
const threads = [];
for (const [pid, process] of data.Renderer.processes) {
  for (const [tid, thread] of process.threads) {
    threads.push({pid: Number(pid), tid: Number(tid), name: thread.name ?? null,
                  slices: thread.entries.length});
  }
}
console.log(JSON.stringify({
  threads,
  flows: data.Flows.flows.map(flow => flow.length),
  bounds_us: [data.Meta.traceBounds.min, data.Meta.traceBounds.max],
}));
