// The player's events as xAPI 1.0.3 statements, in the form the collector converts back
// (xapi-adapter/README.md, "Collector"): ADL Video Profile played / paused / seeked / completed,
// and quiz answered / passed / failed. The course and module travel in two LearnTrace context
// extensions, the quiz of an answer in contextActivities.parent[0], the attempt in
// context.registration (a UUID), the device time in timestamp. Events with no statement form
// (module lifecycle) give null: the client then sends them as events.

const VIDEO = 'https://w3id.org/xapi/video';
const ADL = 'http://adlnet.gov/expapi';
const LT = 'https://learntrace.org/xapi/extensions/';

const VERBS = {
  played: `${VIDEO}/verbs/played`,
  paused: `${VIDEO}/verbs/paused`,
  seeked: `${VIDEO}/verbs/seeked`,
  completed: `${ADL}/verbs/completed`,
  answered: `${ADL}/verbs/answered`,
  passed: `${ADL}/verbs/passed`,
  failed: `${ADL}/verbs/failed`,
};

const EXT = {
  time: `${VIDEO}/extensions/time`,
  timeFrom: `${VIDEO}/extensions/time-from`,
  timeTo: `${VIDEO}/extensions/time-to`,
  progress: `${VIDEO}/extensions/progress`,
  playedSegments: `${VIDEO}/extensions/played-segments`,
  sessionId: `${VIDEO}/extensions/session-id`,
  length: `${VIDEO}/extensions/length`,
  course: `${LT}course`,
  module: `${LT}module`,
};

/** The Video Profile's played-segments string, "0[.]5.5[,]8[.]12". */
export function playedSegmentsText(segments) {
  return segments.map((s) => `${s.start}[.]${s.end}`).join('[,]');
}

/** An ISO 8601 duration of `seconds`, e.g. "PT12.5S". */
export function isoDuration(seconds) {
  return `PT${Math.round(seconds * 1000) / 1000}S`;
}

/**
 * Activity IRIs the way the LearnTrace event mapper writes them:
 * {platformIri}/courses/{course}/videos/{video}, …/quizzes/{quiz}[/items/{item}].
 */
export function activityIris(platformIri) {
  const seg = (id) => encodeURIComponent(id);
  const course = (c) => `${platformIri}/courses/${seg(c)}`;
  return {
    video: (c, v) => `${course(c)}/videos/${seg(v)}`,
    quiz: (c, q) => `${course(c)}/quizzes/${seg(q)}`,
    item: (c, q, i) => `${course(c)}/quizzes/${seg(q)}/items/${seg(i)}`,
  };
}

/**
 * The statement for `event` by `actor` (the launch's xAPI agent), or null when the event has no
 * statement form. `names` optionally gives language maps for the activities: {video, quiz, items: {id: map}}.
 */
export function toStatement(event, { actor, platformIri, id, names = {} }) {
  const iris = activityIris(platformIri);
  const { course, module } = event.module;
  const extensions = { [EXT.course]: course };
  if (module) extensions[EXT.module] = module;
  const base = (verb, object, result, context = {}) => {
    const s = {
      id,
      actor,
      verb: { id: VERBS[verb], display: { 'en-US': verb } },
      object: { objectType: 'Activity', ...object },
      context: { ...context, extensions: { ...extensions, ...(context.extensions ?? {}) } },
      timestamp: event.occurrence.occurredAt,
    };
    if (result) s.result = result;
    return s;
  };
  const video = () => ({
    id: iris.video(course, event.video),
    definition: { type: `${VIDEO}/activity-type/video`, ...(names.video ? { name: names.video } : {}) },
  });
  const videoContext = (more = {}) => ({
    contextActivities: { category: [{ id: VIDEO }] },
    extensions: { [EXT.sessionId]: event.sessionId, ...more },
  });
  const watched = () => ({
    [EXT.time]: event.time,
    [EXT.playedSegments]: playedSegmentsText(event.playedSegments),
    [EXT.progress]: event.progress,
  });
  switch (event.type) {
    case 'video-played':
      return base('played', video(), { extensions: { [EXT.time]: event.time } }, videoContext());
    case 'video-paused':
      return base('paused', video(), { extensions: watched() }, videoContext());
    case 'video-seeked':
      return base('seeked', video(),
        { extensions: { [EXT.timeFrom]: event.timeFrom, [EXT.timeTo]: event.timeTo } }, videoContext());
    case 'video-completed':
      return base('completed', video(), { completion: true, extensions: watched() },
        videoContext({ [EXT.length]: event.length }));
    case 'quiz-item-answered': {
      const definition = { type: `${ADL}/activities/cmi.interaction`, interactionType: event.interaction };
      const item = names.items?.[event.item];
      if (item) Object.assign(definition, item);
      const result = { response: event.response };
      if (event.success !== null && event.success !== undefined) result.success = event.success;
      return base('answered', { id: iris.item(course, event.quiz, event.item), definition }, result, {
        registration: event.attempt,
        contextActivities: {
          parent: [{ id: iris.quiz(course, event.quiz), definition: { type: `${ADL}/activities/assessment` } }],
        },
      });
    }
    case 'quiz-attempt-finished':
      return base(event.passed ? 'passed' : 'failed',
        { id: iris.quiz(course, event.quiz),
          definition: { type: `${ADL}/activities/assessment`, ...(names.quiz ? { name: names.quiz } : {}) } },
        { score: { scaled: event.scoreScaled }, success: event.passed, completion: true,
          ...(event.duration ? { duration: event.duration } : {}) },
        { registration: event.attempt });
    default:
      return null;
  }
}
