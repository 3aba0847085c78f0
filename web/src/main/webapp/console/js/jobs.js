// Bulk jobs: the list (newest first, keyset pages) and one job with live progress and cancel.

import * as api from './api.js';
import {cut, h, notice, show, table} from './dom.js';
import {filterText, jobProgress, reasonForm} from './parts.js';
import {poll} from './poll.js';
import {formatInstant} from './time.js';

export function jobs(view) {
    const results = h('div', {id: 'jobs'});
    show(view, h('h1', {}, 'Jobs'), results);
    const before = [];
    let current = null;

    async function load(cursor) {
        try {
            const page = await api.get('jobs' + api.query({limit: 20, cursor}));
            current = cursor;
            render(page);
        } catch (e) {
            show(results, notice('error', e.message));
        }
    }

    function render(page) {
        const first = h('button', {type: 'button', disabled: before.length === 0, onclick: () => {
            before.length = 0;
            load(null);
        }}, 'First page');
        const next = h('button', {type: 'button', disabled: !page.nextCursor, onclick: () => {
            before.push(current);
            load(page.nextCursor);
        }}, 'Next');
        const pager = h('nav', {class: 'pager', 'aria-label': 'Pages'}, first, next);
        if (page.items.length === 0) {
            show(results, h('p', {class: 'empty'}, 'No bulk job yet. Start one from a failure group on the'
                + ' overview, or with POST /rewind/api/jobs.'), pager);
            return;
        }
        show(results, table('Bulk jobs, newest first', ['Job', 'Kind', 'State', 'Filter', 'Progress', 'Started by',
            'Reason', 'Created'], page.items.map(job => h('tr', {'data-job': job.id},
            h('td', {class: 'nowrap'}, h('a', {href: `#/jobs/${job.id}`}, `Job ${job.id}`)),
            h('td', {}, job.kind, job.force ? ' (forced)' : ''),
            h('td', {}, h('span', {class: 'badge job-' + job.state.toLowerCase()}, job.state)),
            h('td', {class: 'mono'}, filterText(job.filter)),
            h('td', {}, jobProgress(job)),
            h('td', {}, job.actor),
            h('td', {title: job.reason}, cut(job.reason, 80)),
            h('td', {}, formatInstant(job.createdAt))))), pager);
    }

    // The list refreshes while a job on its page runs, and stops (keeping the keyboard's place) when none does.
    return poll(async () => {
        await load(current);
        return results.querySelector('.job-running') !== null;
    }, 3000);
}

export function job(view, id) {
    const head = h('div');
    const panel = h('div', {id: 'action-panel'});
    const report = h('section', {id: 'rehearsal-report'});
    show(view, head, panel, report);
    let cancelShown = false;
    let reported = false;
    return poll(async () => {
        let current;
        try {
            current = await api.get(`jobs/${id}`);
        } catch (e) {
            show(head, h('h1', {}, `Job ${id}`), notice('error', e.message));
            return e.status >= 500 || e.status === 0;
        }
        render(current);
        return current.state === 'RUNNING' || current.state === 'AWAITING_APPROVAL'; // until it runs, and while
    }, 1000);

    function render(current) {
        show(head,
            h('h1', {}, `Job ${current.id}: ${current.kind}`),
            h('dl', {class: 'facts'},
                h('dt', {}, 'State'), h('dd', {id: 'job-state'},
                    h('span', {class: 'badge job-' + current.state.toLowerCase()}, current.state)),
                h('dt', {}, 'Progress'), h('dd', {}, jobProgress(current)),
                h('dt', {}, 'Filter'), h('dd', {class: 'mono'}, filterText(current.filter)),
                h('dt', {}, 'Started by'), h('dd', {}, current.actor),
                current.approval ? [h('dt', {}, 'Approval'), h('dd', {id: 'job-approval'},
                    `${current.approval.state} (request ${current.approval.id}: ${current.approval.why})`,
                    current.approval.decidedBy ? ` by ${current.approval.decidedBy}: ${current.approval.decision}` : '',
                    ' ', h('a', {href: `#/approvals?state=${current.approval.state === 'AWAITING_APPROVAL'
                        ? 'AWAITING_APPROVAL' : 'ALL'}`}, 'Approvals'))] : null,
                h('dt', {}, 'Reason'), h('dd', {}, current.reason),
                h('dt', {}, 'Forced'), h('dd', {}, current.force ? 'yes' : 'no'),
                current.target ? [h('dt', {}, 'Target queue'), h('dd', {}, current.target)] : null,
                h('dt', {}, 'Rate'), h('dd', {}, current.ratePerSecond ? `${current.ratePerSecond}/s` : 'unpaced'),
                h('dt', {}, 'Node'), h('dd', {}, current.node || ''),
                h('dt', {}, 'Created'), h('dd', {}, formatInstant(current.createdAt)),
                h('dt', {}, 'Updated'), h('dd', {}, formatInstant(current.updatedAt)),
                current.finishedAt ? [h('dt', {}, 'Finished'), h('dd', {}, formatInstant(current.finishedAt))] : null,
                current.lastError ? [h('dt', {}, 'Last error'), h('dd', {class: 'error-text'}, current.lastError)] : null),
            h('p', {}, h('a', {href: '#/jobs'}, 'All jobs')));
        if (current.state !== 'RUNNING' && current.kind === 'REHEARSE' && !reported) {
            reported = true;
            api.get(`jobs/${id}/rehearsal`).then(groups => renderReport(report, current, groups),
                error => show(report, notice('error', error.message)));
        }
        const waiting = current.state === 'AWAITING_APPROVAL';
        if (current.state !== 'RUNNING' && !waiting) {
            if (cancelShown) {
                show(panel, notice('ok', `The job is ${current.state}.`));
                cancelShown = false;
            }
            return;
        }
        if (api.canOperate() && !cancelShown) {
            cancelShown = true;
            show(panel, h('button', {type: 'button', id: 'cancel-job', onclick: () => show(panel, reasonForm({
                title: waiting ? 'Withdraw this job' : 'Cancel this job',
                explain: waiting ? 'It never runs; its approval request is closed with your reason.'
                    : 'The job stops after its current chunk; what it did stays done.',
                confirm: waiting ? 'Withdraw the job' : 'Cancel the job',
                cancel: () => {
                    cancelShown = false;
                    show(panel);
                },
                submit: async reason => {
                    const cancelled = await api.send('POST', `jobs/${id}/cancel`, {reason});
                    render(cancelled);
                },
            }))}, waiting ? 'Withdraw job\u2026' : 'Cancel job\u2026'));
        }
    }
}

/** What a REHEARSE job found, and the replay of the entries that would succeed. */
function renderReport(section, job, groups) {
    const succeed = groups.filter(g => g.outcome === 'WOULD_SUCCEED').reduce((n, g) => n + g.count, 0);
    show(section, h('h2', {}, 'What the rehearsal found'),
        groups.length === 0 ? h('p', {class: 'empty'}, 'Nothing was rehearsed (no entry matched, or none is'
            + ' rehearsable).') : table('Entries by outcome and error class, largest group first',
            ['Outcome', 'Error class', 'Count', 'Sample', 'Sample error'],
            groups.map(g => h('tr', {class: 'rehearsal-group'},
                h('td', {}, g.outcome),
                h('td', {class: 'mono'}, g.errorClass || ''),
                h('td', {class: 'num'}, g.count.toLocaleString()),
                h('td', {class: 'mono'}, g.sample.map((sample, i) => [i ? ' ' : null,
                    h('a', {href: `#/entries/${sample}`}, sample.substring(0, 8))])),
                h('td', {title: g.sampleError || ''}, cut(g.sampleError, 100))))),
        succeed > 0 && api.canOperate() ? reasonForm({
            title: `Replay the ${succeed.toLocaleString()} that would succeed`,
            explain: 'Starts a replay of exactly the entries this rehearsal found would succeed (those that changed'
                + ' state since are skipped).',
            confirm: 'Start the replay',
            submit: async reason => {
                const replay = await api.send('POST', 'jobs', {kind: 'REPLAY', filter: {wouldSucceedIn: job.id}, reason});
                location.hash = `#/jobs/${replay.id}`;
            },
        }) : null);
}
