// Four eyes: the requests the approval policy holds back, and the approver's decision on each.

import * as api from './api.js';
import {h, notice, show, table} from './dom.js';
import {reasonForm} from './parts.js';
import {formatInstant} from './time.js';

const STATES = ['AWAITING_APPROVAL', 'APPROVED', 'REJECTED', 'EXPIRED', 'ALL'];

export function approvals(view, params) {
    const state = STATES.includes(params.get('state')) ? params.get('state') : 'AWAITING_APPROVAL';
    const results = h('div', {id: 'approvals'});
    const panel = h('div', {id: 'approval-panel'});
    const picker = h('select', {id: 'approval-state', 'aria-label': 'Which requests',
        onchange: () => location.hash = `#/approvals?state=${picker.value}`},
    STATES.map(s => h('option', {value: s}, s === 'AWAITING_APPROVAL' ? 'waiting for approval' : s.toLowerCase())));
    picker.value = state;
    show(view, h('h1', {}, 'Approvals'),
        h('p', {class: 'explain'}, 'Requests the approval policy holds back (big bulk jobs, forced replays and'
            + ' compensations of listed types). Nothing runs until another person with the approver role approves'
            + ' it; the requester never decides their own.'),
        h('p', {}, picker), panel, results);

    function load() {
        show(results, notice('muted', 'Loading\u2026'));
        api.get('approvals' + api.query({state})).then(list => render(list),
            e => show(results, notice('error', e.message)));
    }

    function render(list) {
        const me = api.session().name;
        show(results, list.length === 0
            ? h('p', {class: 'empty'}, state === 'AWAITING_APPROVAL' ? 'Nothing waits for approval.' : 'None.')
            : table('Requests, oldest first', ['#', 'State', 'What', 'Why held', 'Asked by', 'Reason', 'Expires',
                'Decision', ''],
            list.map(a => h('tr', {class: 'approval', 'data-id': a.id},
                h('td', {class: 'num'}, a.id),
                h('td', {}, h('span', {class: 'badge approval-' + a.state.toLowerCase()}, a.state)),
                h('td', {}, what(a)),
                h('td', {}, a.why),
                h('td', {class: 'actor'}, a.requestedBy, h('div', {class: 'muted'}, formatInstant(a.requestedAt))),
                h('td', {class: 'reason'}, a.reason),
                h('td', {}, formatInstant(a.expiresAt)),
                h('td', {}, a.decidedBy ? [a.decidedBy, ': ', a.decision] : (a.decision || '')),
                h('td', {}, a.state === 'AWAITING_APPROVAL' && api.canApprove() && a.requestedBy !== me
                    ? h('div', {class: 'buttons'},
                        h('button', {type: 'button', class: 'approve', onclick: () => decide(a, 'approve')}, 'Approve\u2026'),
                        h('button', {type: 'button', class: 'reject', onclick: () => decide(a, 'reject')}, 'Reject\u2026'))
                    : a.state === 'AWAITING_APPROVAL' && a.requestedBy === me
                        ? h('span', {class: 'muted'}, 'yours: another person decides') : '')))));
    }

    function decide(a, decision) {
        show(panel, reasonForm({
            title: `${decision === 'approve' ? 'Approve' : 'Reject'} request ${a.id}`,
            explain: decision === 'approve'
                ? `Carries it out now, as ${a.requestedBy} asked: ${describe(a)}.`
                : 'It never runs. The requester sees your reason.',
            confirm: decision === 'approve' ? 'Approve and carry out' : 'Reject',
            cancel: () => show(panel),
            submit: async reason => {
                const decided = await api.send('POST', `approvals/${a.id}/${decision}`, {reason});
                show(panel, notice('ok', `Request ${decided.id} is ${decided.state}.`));
                load();
            },
        }));
    }

    load();
}

function what(a) {
    if (a.jobId) {
        return h('a', {href: `#/jobs/${a.jobId}`}, `Job ${a.jobId}`);
    }
    return [describe(a), ' of ', h('a', {href: `#/entries/${a.entryId}`, class: 'mono'}, a.entryId.substring(0, 8))];
}

function describe(a) {
    switch (a.kind) {
    case 'BULK': return `bulk job ${a.jobId}`;
    case 'FORCED_REPLAY': return 'a forced replay' + (a.target ? ` to ${a.target}` : '');
    default: return a.cascade ? 'a cascading revoke' : 'a revoke (compensation)';
    }
}
