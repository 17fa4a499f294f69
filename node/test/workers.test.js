'use strict'
// The addon in worker_threads: each worker loads it and builds its own
// Scrubber; several run at once, alongside the main thread.

const { test } = require('node:test')
const assert = require('node:assert/strict')
const { Worker } = require('node:worker_threads')
const path = require('node:path')
const { Scrubber } = require('..')

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads')
const { Scrubber } = require(${JSON.stringify(path.join(__dirname, '..'))})
const s = new Scrubber(workerData.config)
const out = []
for (let i = 0; i < workerData.n; i++) out.push(s.scrub('worker ' + workerData.id + ' line ' + i + ' user' + i + '@example.com from 10.0.' + (i % 256) + '.1'))
Promise.all([s.scrubAsync('async 10.9.9.9'), s.scrubManyAsync(['a ada@example.com', 'clean'])]).then(([a, m]) => {
  parentPort.postMessage({ out, a, m, json: s.scrubJson({ password: 'x', msg: 'ada@example.com' }) })
})
`

function runWorker(id, n, config = null) {
  return new Promise((resolve, reject) => {
    const w = new Worker(workerSource, { eval: true, workerData: { id, n, config } })
    w.once('message', resolve)
    w.once('error', reject)
    w.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)))
  })
}

test('four workers scrub concurrently with the main thread', async () => {
  const main = new Scrubber()
  const pending = [0, 1, 2, 3].map((id) => runWorker(id, 2000))
  for (let i = 0; i < 2000; i++) main.scrub(`main line ${i} 10.0.0.${i % 256}`)
  const results = await Promise.all(pending)
  results.forEach((r, id) => {
    assert.equal(r.out.length, 2000)
    assert.equal(r.out[7], `worker ${id} line 7 [email] from [ipv4]`)
    assert.equal(r.a, 'async [ipv4]')
    assert.deepEqual(r.m, ['a [email]', 'clean'])
    assert.deepEqual(r.json, { password: '[sensitive_key]', msg: '[email]' })
  })
})

test('workers with their own configs; workers that exit leave the addon usable', async () => {
  const r = await runWorker(9, 10, { rules: { email: { action: 'remove' } } })
  assert.equal(r.out[0], 'worker 9 line 0  from [ipv4]')
  // A worker that is terminated in the middle of async work.
  const w = new Worker(
    `const { Scrubber } = require(${JSON.stringify(path.join(__dirname, '..'))});
     const s = new Scrubber();
     const big = 'x 10.0.0.1 '.repeat(200000);
     for (let i = 0; i < 8; i++) s.scrubAsync(big);
     require('node:worker_threads').parentPort.postMessage('started')`,
    { eval: true },
  )
  await new Promise((resolve) => w.once('message', resolve))
  await w.terminate()
  assert.equal(new Scrubber().scrub('still 10.0.0.1'), 'still [ipv4]')
  assert.equal(await new Scrubber().scrubAsync('still 10.0.0.1'), 'still [ipv4]')
})
