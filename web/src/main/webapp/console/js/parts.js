// Pieces several pages share: a job's progress, the reason form every change asks for, filters as text.

import {h, notice, show} from './dom.js';

/** How far a job is: a progress bar and its numbers. */
export function jobProgress(job) {
    const handled = job.done + job.skipped + job.failed;
    const label = `${handled.toLocaleString()} of ${job.total.toLocaleString()}`
        + ` (done ${job.done}, skipped ${job.skipped}, failed ${job.failed})`;
    return h('div', {class: 'progress'},
        h('progress', {max: Math.max(job.total, 1), value: job.total === 0 ? 1 : handled,
            'aria-label': `Job ${job.id} progress: ${label}`}),
        h('span', {class: 'progress-text'}, label));
}

/** A filter as one line: "status=FAILED type=transfer.requested". */
export function filterText(filter) {
    if (!filter) {
        return 'all entries';
    }
    const parts = Object.entries(filter).filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([k, v]) => `${k}=${v}`);
    return parts.length ? parts.join(' ') : 'all entries';
}

let formNumber = 0;

/**
 * A change waiting for its reason: what will happen, the change's own fields if any, a reason box, maybe a
 * box to tick, and Confirm.
 * `submit(reason)` does the change; its error is shown next to the button and nothing else happens.
 */
export function reasonForm({title, explain, fields, confirm, tick, submit, cancel}) {
    const n = ++formNumber;
    const reason = h('textarea', {id: `reason-${n}`, name: 'reason', rows: 2, maxlength: 1000, required: true});
    const box = tick ? h('input', {type: 'checkbox', id: `tick-${n}`, name: 'confirm', required: true}) : null;
    const message = h('div', {class: 'form-message'});
    const button = h('button', {type: 'submit', class: 'danger'}, confirm);
    const form = h('form', {class: 'action-form', 'aria-label': title},
        h('h3', {}, title),
        h('p', {class: 'explain'}, explain),
        fields || null,
        h('label', {for: `reason-${n}`}, 'Reason (kept in the history)'),
        reason,
        box ? h('label', {class: 'tick', for: `tick-${n}`}, box, ' ', tick) : null,
        h('div', {class: 'buttons'}, button,
            cancel ? h('button', {type: 'button', onclick: cancel}, 'Cancel') : null),
        message);
    form.addEventListener('submit', async event => {
        event.preventDefault();
        if (!reason.value.trim()) {
            show(message, notice('error', 'Give a reason: it is recorded with the change.'));
            reason.focus();
            return;
        }
        if (box && !box.checked) {
            show(message, notice('error', 'Tick the box to confirm.'));
            box.focus();
            return;
        }
        button.disabled = true;
        show(message, notice('muted', 'Working\u2026'));
        try {
            await submit(reason.value.trim());
            show(message);
        } catch (e) {
            show(message, notice('error', e.message));
        } finally {
            button.disabled = false;
        }
    });
    setTimeout(() => (form.querySelector('textarea, input') || reason).focus(), 0);
    return form;
}
