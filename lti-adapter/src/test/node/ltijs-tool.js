// Real LTI 1.3 peer for LtijsInteropTest: an ltijs tool (ltijs-sequelize on PostgreSQL) registered with
// LearnTrace's platform side. On a resource-link launch it posts a score through AGS and reads the roster
// through NRPS, answering what it got as JSON; on a deep-linking launch it returns one content item.
// Usage: node ltijs-tool.js <pgPort> <issuer> <authUrl> <tokenUrl> <jwksUrl> <clientId>; prints "LISTENING <port>".
'use strict';
const lti = require('ltijs').Provider;
const Database = require('ltijs-sequelize');

const [pgPort, issuer, authUrl, tokenUrl, jwksUrl, clientId] = process.argv.slice(2);

async function main() {
  const db = new Database('postgres', 'postgres', 'postgres', {
    host: '127.0.0.1', port: Number(pgPort), dialect: 'postgres', logging: false,
  });
  lti.setup('learntrace-interop-encryption-key', { plugin: db }, {
    cookies: { secure: false, sameSite: 'Lax' }, tokenMaxAge: 60, dynReg: undefined,
  });
  lti.onConnect(async (token, req, res) => {
    const answer = { user: token.user, context: token.platformContext.context && token.platformContext.context.id };
    try {
      const lineitem = token.platformContext.endpoint.lineitem;
      const scored = await lti.Grade.submitScore(token, lineitem, {
        scoreGiven: 7, scoreMaximum: 10, activityProgress: 'Completed', gradingProgress: 'FullyGraded',
      });
      answer.scored = Boolean(scored);
    } catch (e) { answer.scoreError = String(e.message || e); }
    try {
      const members = await lti.NamesAndRoles.getMembers(token, { pages: false });
      answer.members = members.members.map((m) => m.user_id);
    } catch (e) { answer.membersError = String(e.message || e); }
    res.json(answer);
  });
  lti.onDeepLinking(async (token, req, res) => {
    const form = await lti.DeepLinking.createDeepLinkingForm(token, [{
      type: 'ltiResourceLink', title: 'ltijs quiz', url: 'http://127.0.0.1/quiz',
      lineItem: { scoreMaximum: 10, label: 'ltijs quiz' },
    }], { message: 'chosen in ltijs' });
    res.send(form);
  });
  await lti.deploy({ serverless: true, silent: true });
  await lti.registerPlatform({
    url: issuer, name: 'LearnTrace platform', clientId,
    authenticationEndpoint: authUrl, accesstokenEndpoint: tokenUrl,
    authConfig: { method: 'JWK_SET', key: jwksUrl },
  });
  const server = lti.app.listen(0, '127.0.0.1', () => {
    process.stdout.write('LISTENING ' + server.address().port + '\n');
  });
}

main().catch((e) => { console.error(e); process.exit(1); });
