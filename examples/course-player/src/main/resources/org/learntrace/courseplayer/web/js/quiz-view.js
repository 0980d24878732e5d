// The module's quiz: one attempt of choice items, each answered on its own (an `answered` event
// with response and success), then finished (passed or failed against the module's mastery score,
// with the scaled score and the attempt's duration). Items and correct responses come from the
// catalog; this is a formative quiz, scored on the device.

import { isoDuration } from './xapi-statements.js';
import { bilingual } from './text.js';

export class QuizView {
  #root;
  #quiz;
  #emit;
  #base;
  #masteryScore;
  #clock;
  #attempt = crypto.randomUUID();
  #answers = new Map();
  #startedAt;

  /**
   * @param root the element to render into
   * @param quiz the catalog's quiz {id, name, items}
   * @param emit called with each event and the activity names for its xAPI form
   * @param base {module: {course, module}, masteryScore, clock}
   */
  constructor(root, quiz, emit, { module, masteryScore = 1, clock = () => Date.now() }) {
    this.#root = root;
    this.#quiz = quiz;
    this.#emit = emit;
    this.#base = { module, quiz: quiz.id };
    this.#masteryScore = masteryScore;
    this.#clock = clock;
    this.#startedAt = clock();
    this.#render();
  }

  #render() {
    const form = document.createElement('form');
    form.className = 'quiz';
    form.addEventListener('submit', (e) => e.preventDefault());
    this.#quiz.items.forEach((item, n) => form.append(this.#itemView(item, n)));
    const finish = document.createElement('button');
    finish.type = 'button';
    finish.id = 'finish-quiz';
    finish.disabled = true;
    finish.append(bilingual({ 'bn-BD': 'কুইজ শেষ করুন', 'en-US': 'Finish quiz' }));
    finish.addEventListener('click', () => this.#finish(finish));
    const result = document.createElement('p');
    result.id = 'quiz-result';
    result.setAttribute('role', 'status');
    form.append(finish, result);
    this.#root.replaceChildren(form);
  }

  #itemView(item, n) {
    const set = document.createElement('fieldset');
    set.id = `item-${item.id}`;
    set.dataset.item = item.id;
    const legend = document.createElement('legend');
    legend.append(`${n + 1}. `, bilingual(item.name));
    set.append(legend);
    for (const choice of item.choices) {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'radio';
      input.name = `answer-${item.id}`;
      input.value = choice.id;
      input.id = `choice-${item.id}-${choice.id}`;
      label.append(input, ' ', bilingual(choice.description));
      set.append(label);
    }
    const answer = document.createElement('button');
    answer.type = 'button';
    answer.className = 'answer';
    answer.id = `answer-${item.id}`;
    answer.append(bilingual({ 'bn-BD': 'উত্তর দিন', 'en-US': 'Answer' }));
    const feedback = document.createElement('span');
    feedback.className = 'feedback';
    feedback.setAttribute('role', 'status');
    answer.addEventListener('click', () => this.#answer(item, set, answer, feedback));
    set.append(answer, feedback);
    return set;
  }

  #answer(item, set, button, feedback) {
    const chosen = set.querySelector('input[type=radio]:checked');
    if (!chosen) {
      feedback.replaceChildren(bilingual({ 'bn-BD': 'একটি উত্তর বেছে নিন', 'en-US': 'Choose an answer' }));
      return;
    }
    const success = (item.correctResponses ?? []).includes(chosen.value);
    this.#answers.set(item.id, success);
    set.querySelectorAll('input').forEach((i) => { i.disabled = true; });
    button.disabled = true;
    set.dataset.answered = success ? 'correct' : 'incorrect';
    feedback.replaceChildren(success
      ? bilingual({ 'bn-BD': 'সঠিক', 'en-US': 'Correct' })
      : bilingual({ 'bn-BD': 'সঠিক নয়', 'en-US': 'Not correct' }));
    this.#emit({
      type: 'quiz-item-answered', ...this.#base, attempt: this.#attempt, item: item.id,
      interaction: 'choice', response: chosen.value, success,
    }, { items: { [item.id]: {
      name: item.name,
      choices: item.choices,
      ...(item.correctResponses ? { correctResponsesPattern: item.correctResponses } : {}),
    } } });
    this.#root.querySelector('#finish-quiz').disabled = this.#answers.size < this.#quiz.items.length;
  }

  #finish(button) {
    button.disabled = true;
    const correct = [...this.#answers.values()].filter(Boolean).length;
    const scaled = Math.round((correct / this.#quiz.items.length) * 1000) / 1000;
    const passed = scaled >= this.#masteryScore;
    this.#root.querySelector('#quiz-result').replaceChildren(bilingual(passed
      ? { 'bn-BD': `উত্তীর্ণ: ${correct.toLocaleString('bn-BD')}/${this.#quiz.items.length.toLocaleString('bn-BD')}`,
        'en-US': `Passed: ${correct}/${this.#quiz.items.length}` }
      : { 'bn-BD': `আবার চেষ্টা করুন: ${correct.toLocaleString('bn-BD')}/${this.#quiz.items.length.toLocaleString('bn-BD')}`,
        'en-US': `Try again: ${correct}/${this.#quiz.items.length}` }));
    this.#emit({
      type: 'quiz-attempt-finished', ...this.#base, attempt: this.#attempt, scoreScaled: scaled, passed,
      duration: isoDuration((this.#clock() - this.#startedAt) / 1000),
    }, { quiz: this.#quiz.name });
    return passed;
  }
}
