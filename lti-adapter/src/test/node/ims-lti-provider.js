// Real LTI 1.1 peer for ImsLtiInteropTest: the npm `ims-lti` Provider validates launches signed by
// LearnTrace's Lti11Platform, then uses its OutcomeService to call LearnTrace's Basic Outcomes endpoint.
// Usage: node ims-lti-provider.js <consumerKey> <consumerSecret>; prints "LISTENING <port>".
'use strict';
const http = require('http');
const querystring = require('querystring');
const lti = require('ims-lti');

const [key, secret] = process.argv.slice(2);

function promisify(fn) {
  return new Promise((resolve) => fn((err, result) => resolve({ err: err ? String(err.message || err) : null, result })));
}

const server = http.createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => { raw += c; });
  req.on('end', async () => {
    const body = querystring.parse(raw);
    const provider = new lti.Provider(key, secret);
    const launch = await promisify((cb) => provider.valid_request(req, body, cb));
    const answer = { valid: launch.result === true, error: launch.err, userId: provider.userId || null };
    const score = new URL(req.url, 'http://x').searchParams.get('score');
    if (answer.valid && provider.outcome_service && score !== null) {
      const os = provider.outcome_service;
      answer.replaced = await promisify((cb) => os.send_replace_result(Number(score), cb));
      answer.read = await promisify((cb) => os.send_read_result(cb));
      answer.deleted = await promisify((cb) => os.send_delete_result(cb));
      answer.readAfterDelete = await promisify((cb) => os.send_read_result(cb));
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer));
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write('LISTENING ' + server.address().port + '\n');
});
