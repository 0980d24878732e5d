// ADL Video Profile semantics for an HTML5 <video>: one session id per page session, the played
// segments of that session (closed at every pause, seek and end), progress as the share of the
// video covered by their union, and events for played, paused, seeked and (once, when progress
// reaches the completion threshold) completed. Whatever starts the action - the page's buttons,
// the native controls, the keyboard - the media element's own events drive this.

const round = (t) => Math.round(t * 1000) / 1000;

/** The total length covered by `segments` ({start, end}), overlaps counted once. */
export function coveredLength(segments) {
  const sorted = segments.map((s) => [s.start, s.end]).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let from = -Infinity;
  let to = -Infinity;
  for (const [a, b] of sorted) {
    if (a > to) {
      if (to > from) total += to - from;
      [from, to] = [a, b];
    } else {
      to = Math.max(to, b);
    }
  }
  if (to > from) total += to - from;
  return total;
}

export class VideoTracker {
  #video;
  #emit;
  #base;
  #threshold;
  #segments = [];
  #segmentStart = null;
  #position = 0;
  #seekFrom = null;
  #completed = false;

  /**
   * @param video the <video> element
   * @param emit called with each event (sdk-core JSON without occurrence)
   * @param base {module: {course, module}, video: id, sessionId, completionThreshold}
   */
  constructor(video, emit, { module, video: videoId, sessionId, completionThreshold = 1 }) {
    this.#video = video;
    this.#emit = emit;
    this.#base = { module, video: videoId, sessionId };
    this.#threshold = completionThreshold;
    video.addEventListener('play', () => this.#played());
    video.addEventListener('pause', () => this.#paused());
    video.addEventListener('seeking', () => this.#seeking());
    video.addEventListener('seeked', () => this.#seeked());
    video.addEventListener('timeupdate', () => this.#timeupdate());
    video.addEventListener('ended', () => this.#ended());
  }

  /** The session's played segments so far, including the one playing now. */
  playedSegments() {
    const out = this.#segments.map((s) => ({ ...s }));
    if (this.#segmentStart !== null && this.#position > this.#segmentStart) {
      out.push({ start: round(this.#segmentStart), end: round(this.#position) });
    }
    return out;
  }

  /** Share of the video played in this session, 0 to 1. */
  progress() {
    const d = this.#video.duration;
    if (!Number.isFinite(d) || d <= 0) return 0;
    return round(Math.min(1, coveredLength(this.playedSegments()) / d));
  }

  #event(type, fields) {
    this.#emit({ type, ...this.#base, ...fields });
  }

  #open(at) {
    this.#segmentStart = at;
  }

  #close(at) {
    if (this.#segmentStart !== null && at > this.#segmentStart) {
      this.#segments.push({ start: round(this.#segmentStart), end: round(at) });
    }
    this.#segmentStart = null;
  }

  #played() {
    this.#position = this.#video.currentTime;
    this.#open(this.#position);
    this.#event('video-played', { time: round(this.#position) });
  }

  #paused() {
    // A pause that the end of the video causes is reported with 'ended'; a pause for seeking is a seek.
    if (this.#video.seeking) return;
    const at = this.#video.ended ? this.#video.duration : this.#video.currentTime;
    this.#position = at;
    this.#close(at);
    this.#event('video-paused', {
      time: round(at), playedSegments: this.playedSegments(), progress: this.progress(),
    });
    this.#checkCompleted();
  }

  #seeking() {
    if (this.#seekFrom === null) {
      // currentTime already holds the target: the last position seen while not seeking is the origin.
      this.#seekFrom = this.#position;
      this.#close(this.#position);
    }
  }

  #seeked() {
    const from = this.#seekFrom ?? this.#position;
    const to = this.#video.currentTime;
    this.#seekFrom = null;
    this.#position = to;
    this.#event('video-seeked', { timeFrom: round(from), timeTo: round(to) });
    if (!this.#video.paused) this.#open(to);
  }

  #timeupdate() {
    if (this.#video.seeking || this.#seekFrom !== null) return;
    this.#position = this.#video.currentTime;
    this.#checkCompleted();
  }

  #ended() {
    this.#position = this.#video.duration;
    this.#close(this.#position);
    this.#checkCompleted();
  }

  #checkCompleted() {
    const progress = this.progress();
    if (this.#completed || progress < this.#threshold) return;
    this.#completed = true;
    this.#event('video-completed', {
      time: round(this.#position),
      playedSegments: this.playedSegments(),
      progress,
      length: round(this.#video.duration),
    });
  }
}
