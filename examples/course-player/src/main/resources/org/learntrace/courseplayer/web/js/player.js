// The course player page: reads the launch parameters and the catalog, renders the module's video
// and quiz in Bangla and English, and wires them to the LearnTrace client and its status.
//
// Launch parameters (cmi5-style, set by the platform's launch link):
//   endpoint  the collector's base (default /learntrace/)
//   actor     the signed-in learner as an xAPI agent (JSON); names the offline queue, and is the
//             actor of statements in the xapi format
//   format    events | xapi (default events)
//   module    the module to play (default the catalog's first)

import { LearnTraceClient } from './learntrace-client.js';
import { VideoTracker } from './video-tracker.js';
import { QuizView } from './quiz-view.js';
import { bilingual, bilingualText } from './text.js';

const $ = (id) => document.getElementById(id);

function fail(message) {
  const p = $('problem');
  p.hidden = false;
  p.textContent = message;
  document.body.dataset.ready = 'failed';
}

function launchParameters() {
  const q = new URLSearchParams(location.search);
  let actor = null;
  try {
    actor = q.has('actor') ? JSON.parse(q.get('actor')) : null;
  } catch (e) {
    throw new Error(`launch parameter "actor" is not JSON: ${e.message}`);
  }
  if (!actor) {
    throw new Error('No learner: open this course from the platform (its launch link signs you in). '
      + 'কোনো শিক্ষার্থী নেই: প্ল্যাটফর্ম থেকে কোর্সটি খুলুন।');
  }
  const key = actor.account ? `${actor.account.homePage}|${actor.account.name}` : actor.mbox ?? actor.openid;
  if (!key) throw new Error('launch parameter "actor" must be an agent with an account, mbox or openid');
  return {
    endpoint: q.get('endpoint') ?? '/learntrace/',
    actor,
    owner: key,
    format: q.get('format') ?? 'events',
    module: q.get('module'),
  };
}

async function content(moduleId) {
  const response = await fetch('catalog.json');
  if (!response.ok) throw new Error(`catalog.json: HTTP ${response.status}`);
  const catalog = await response.json();
  const course = catalog.courses[0];
  const module = moduleId ? course.modules.find((m) => m.id === moduleId) : course.modules[0];
  if (!module) {
    throw new Error(`module "${moduleId}" is not in the catalog (${course.modules.map((m) => m.id).join(', ')})`);
  }
  const video = course.videos.find((v) => v.id.startsWith(`${module.id}-`));
  const quiz = course.quizzes.find((q) => q.id === `${module.id}-quiz`);
  return { catalog, course, module, video, quiz };
}

const STATES = {
  idle: { 'bn-BD': 'সব পাঠানো হয়েছে', 'en-US': 'All synced' },
  syncing: { 'bn-BD': 'পাঠানো হচ্ছে…', 'en-US': 'Syncing…' },
  offline: { 'bn-BD': 'অফলাইন: এই ডিভাইসে রাখা হচ্ছে', 'en-US': 'Offline: kept on this device' },
  retrying: { 'bn-BD': 'পরে আবার চেষ্টা করা হবে', 'en-US': 'Will try again shortly' },
  'signed-out': { 'bn-BD': 'আবার সাইন ইন করুন', 'en-US': 'Sign in again to sync' },
};

function renderStatus(s, client) {
  const box = $('sync-status');
  box.dataset.state = s.state;
  box.dataset.queued = s.queued;
  box.dataset.sent = s.sent;
  box.dataset.rejected = s.rejected;
  const n = (x) => x.toLocaleString('bn-BD');
  const state = s.state === 'idle' && s.queued > 0 ? 'syncing' : s.state;
  box.querySelector('.state').replaceChildren(bilingual(STATES[state] ?? { 'en-US': state }));
  box.querySelector('.queued').replaceChildren(bilingual({ 'bn-BD': `অপেক্ষমাণ ${n(s.queued)}`, 'en-US': `${s.queued} queued` }));
  box.querySelector('.sent').replaceChildren(bilingual({ 'bn-BD': `পাঠানো ${n(s.sent)}`, 'en-US': `${s.sent} synced` }));
  box.querySelector('.rejected').replaceChildren(bilingual({ 'bn-BD': `বাতিল ${n(s.rejected)}`, 'en-US': `${s.rejected} rejected` }));
  box.title = s.lastError ?? '';
  if (s.rejected > 0) {
    client.rejected().then((list) => {
      $('rejected').hidden = false;
      $('rejected-list').replaceChildren(...list.map((r) => {
        const li = document.createElement('li');
        li.dataset.rule = r.errors[0]?.rule ?? '';
        li.textContent = `${r.body.type ?? r.body.verb?.display?.['en-US'] ?? r.kind}: `
          + r.errors.map((x) => `${x.path} ${x.rule}: ${x.detail}`).join('; ');
        return li;
      }));
    });
  }
}

/** Registers the service worker that keeps the player's files for offline use; resolves when it controls the page. */
async function offlineShell() {
  if (!('serviceWorker' in navigator)) return false;
  await navigator.serviceWorker.register('sw.js', { scope: './' });
  await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  }
  return true;
}

function videoControls(video) {
  $('play').addEventListener('click', () => video.play().catch((e) => fail(`the video cannot play: ${e.message}`)));
  $('pause').addEventListener('click', () => video.pause());
  $('back').addEventListener('click', () => { video.currentTime = Math.max(0, video.currentTime - 3); });
  $('forward').addEventListener('click', () => {
    video.currentTime = Math.min(video.duration || 0, video.currentTime + 3);
  });
}

async function main() {
  const launch = launchParameters();
  const { catalog, course, module, video, quiz } = await content(launch.module);
  document.title = `${bilingualText(module.name)} — ${bilingualText(course.name)}`;
  $('course-title').replaceChildren(bilingual(course.name));
  $('module-title').replaceChildren(bilingual(module.name));

  const client = await LearnTraceClient.open({
    endpoint: launch.endpoint, owner: launch.owner, format: launch.format,
    actor: launch.actor, platformIri: catalog.platformIri,
  });
  client.onStatus((s) => renderStatus(s, client));
  const ids = { course: course.id, module: module.id };
  const sessionId = crypto.randomUUID();
  let videoCompleted = false;
  let quizPassed = false;
  let moduleCompleted = false;
  const record = (event, names) => {
    if (event.type === 'video-completed') videoCompleted = true;
    if (event.type === 'quiz-attempt-finished' && event.passed) quizPassed = true;
    const stored = client.record(event, names);
    // moveOn CompletedAndPassed: the module is completed once the video is watched and the quiz passed.
    if (videoCompleted && quizPassed && !moduleCompleted && module.moveOn === 'CompletedAndPassed') {
      moduleCompleted = true;
      client.record({ type: 'module-lifecycle', module: ids, step: 'COMPLETED', sessionId });
    }
    return stored;
  };
  await client.record({ type: 'module-lifecycle', module: ids, step: 'INITIALIZED', sessionId });

  if (video) {
    $('video-title').replaceChildren(bilingual(video.name));
    const el = $('lesson');
    el.src = `media/${encodeURIComponent(video.id)}.webm`;
    new VideoTracker(el, (e) => record(e, { video: video.name }), {
      module: ids, video: video.id, sessionId, completionThreshold: video.completionThreshold ?? 1,
    });
    videoControls(el);
  } else {
    $('video-section').hidden = true;
  }
  if (quiz) {
    $('quiz-title').replaceChildren(bilingual(quiz.name));
    new QuizView($('quiz'), quiz, record, { module: ids, masteryScore: module.masteryScore ?? 1 });
  } else {
    $('quiz-section').hidden = true;
  }

  window.learnTracePlayer = { client, sessionId, launch };
  document.body.dataset.ready = 'true';
  offlineShell()
    .then((ok) => { $('sync-status').dataset.offlineReady = String(ok); })
    .catch((e) => { $('sync-status').dataset.offlineReady = 'false'; $('sync-status').title = e.message; });
}

main().catch((e) => fail(e.message));
